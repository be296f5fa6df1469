/// A breaker changing state, said on the board the moment it happens.
public struct BreakerChange: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Too many failures in the window: skipped for `cooldown`.
        case opened(failed: Int, of: Int, window: Duration, cooldown: Duration)
        /// The cooldown is over: one trial request runs.
        case trialStarted
        /// The trial succeeded.
        case closed
        /// The trial failed: skipped for another `cooldown`.
        case reopened(cooldown: Duration)
    }

    public var model: ModelID
    public var kind: Kind

    public init(model: ModelID, kind: Kind) {
        self.model = model
        self.kind = kind
    }
}
