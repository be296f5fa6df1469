import CouncilCore

/// One simulated council member: its name, how long it takes and how it misbehaves.
public struct DemoModel: Sendable, Equatable {
    /// How a simulated model fails, so the demo shows every status a real council can.
    public enum Behaviour: Sendable, Equatable {
        /// Always answers in about its latency.
        case reliable
        /// With probability `rate` the answer is held back `stallFactor` times its latency, far past
        /// any sensible timeout: the model times out.
        case stalls(rate: Double, stallFactor: Double)
        /// With probability `rate` the call fails with HTTP 503, so the breaker opens after a few turns.
        case outages(rate: Double)
    }

    public var id: ModelID
    /// The unscaled time to a complete answer (the seed's 2 s / 3 s / 4 s / 5 s).
    public var latency: Duration
    public var behaviour: Behaviour

    public init(id: ModelID, latency: Duration, behaviour: Behaviour = .reliable) {
        self.id = id
        self.latency = latency
        self.behaviour = behaviour
    }
}
