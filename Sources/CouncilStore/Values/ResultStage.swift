import GRDB

/// Which of the council's three stages a model result belongs to.
public enum ResultStage: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case generation
    case review
    case synthesis
}
