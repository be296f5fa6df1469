import GRDB

/// Where a turn stands. `running` is written before the first request leaves; `interrupted` is what
/// the next start calls a `running` turn whose process died.
public enum StoredTurnStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case running
    case complete
    case partial
    case cancelled
    case failed
    case interrupted
}
