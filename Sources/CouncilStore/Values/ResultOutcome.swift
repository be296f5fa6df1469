import CouncilCore
import GRDB

/// How one model's request ended, as stored: the one-word names of `ModelOutcome.kind`.
public enum ResultOutcome: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case arrived
    case timedOut = "timed_out"
    case failed
    case cancelled
    case blocked

    public init(_ outcome: ModelOutcome) {
        switch outcome {
        case .arrived: self = .arrived
        case .timedOut: self = .timedOut
        case .failed: self = .failed
        case .cancelled: self = .cancelled
        case .blocked: self = .blocked
        }
    }

    /// A request that left and was answered or given up on; blocked calls never left.
    var leftTheMachine: Bool { self != .blocked }

    /// Counts against the model in stats, as it would against its breaker.
    var isFailure: Bool { self == .failed || self == .timedOut }
}
