import CouncilCore
import GRDB

/// How one model's request ended, as stored: the one-word names of `ModelOutcome.kind`.
public enum ResultOutcome: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case arrived
    case timedOut = "timed_out"
    case failed
    case cancelled
    case blocked

    /// The engine's one-word names are the stored ones.
    public init(_ outcome: ModelOutcome) {
        self.init(rawValue: outcome.kind)!
    }
}
