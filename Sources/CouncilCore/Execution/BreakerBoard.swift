/// Every model's breaker behind one actor, reading time from the injected clock.
public actor BreakerBoard {
    public let policy: BreakerPolicy
    private let clock: any EpochClock
    private var breakers: [ModelID: CircuitBreaker]

    public init(policy: BreakerPolicy = .default, clock: any EpochClock = SystemClock(),
                restoring saved: [ModelID: CircuitBreaker] = [:]) {
        self.policy = policy
        self.clock = clock
        self.breakers = saved
    }

    public func permit(_ model: ModelID) -> CircuitBreaker.Permission {
        breakers[model, default: CircuitBreaker()].permit(at: clock.now)
    }

    public func recordSuccess(_ model: ModelID) {
        breakers[model, default: CircuitBreaker()].recordSuccess(at: clock.now, policy: policy)
    }

    public func recordFailure(_ model: ModelID) {
        breakers[model, default: CircuitBreaker()].recordFailure(at: clock.now, policy: policy)
    }

    public func recordCancellation(_ model: ModelID) {
        breakers[model]?.recordCancellation()
    }

    public func status(_ model: ModelID) -> CircuitBreaker.Permission {
        (breakers[model] ?? CircuitBreaker()).status(at: clock.now)
    }

    public func breaker(_ model: ModelID) -> CircuitBreaker {
        breakers[model] ?? CircuitBreaker()
    }

    /// The whole board as plain values, to be saved.
    public func snapshot() -> [ModelID: CircuitBreaker] { breakers }

    public func reset(_ model: ModelID? = nil) {
        if let model { breakers[model] = nil } else { breakers.removeAll() }
    }
}
