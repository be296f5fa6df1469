/// Every model's breaker behind one actor, reading time from the injected clock.
public actor BreakerBoard {
    public let policy: BreakerPolicy
    private let clock: any EpochClock
    private var breakers: [ModelID: CircuitBreaker]

    public init(policy: BreakerPolicy = .default, clock: any EpochClock = SystemClock(),
                restoring saved: [ModelID: CircuitBreaker] = [:]) {
        self.policy = policy
        self.clock = clock
        // A trial that was in flight when the saving process ended will never report back.
        self.breakers = saved.mapValues { breaker in
            breaker.state == .halfOpen(trialInFlight: true) ? CircuitBreaker(state: .halfOpen(trialInFlight: false), samples: breaker.samples,
                                                                                      openedAt: breaker.openedAt, resetAt: breaker.resetAt) : breaker
        }
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

    /// What a finished request says about its model's availability.
    public enum Verdict: Sendable {
        case success, failure
        /// Says nothing about availability: cancelled, or refused for configuration (a rejected key,
        /// an unknown model, no provider). A half-open trial ended this way may run again.
        case cancellation
    }

    /// Asks for many models at once: one hop onto the actor for a whole fan-out.
    public func permit(_ models: [ModelID]) -> [ModelID: CircuitBreaker.Permission] {
        let now = clock.now
        var permissions: [ModelID: CircuitBreaker.Permission] = [:]
        for model in models { permissions[model] = breakers[model, default: CircuitBreaker()].permit(at: now) }
        return permissions
    }

    /// Records a whole fan-out's verdicts at once; returns the breakers that changed state.
    @discardableResult
    public func record(_ verdicts: [(ModelID, Verdict)]) -> [BreakerChange] {
        let now = clock.now
        var changes: [BreakerChange] = []
        for (model, verdict) in verdicts {
            var change: BreakerChange.Kind?
            switch verdict {
            case .success: change = breakers[model, default: CircuitBreaker()].recordSuccess(at: now, policy: policy)
            case .failure: change = breakers[model, default: CircuitBreaker()].recordFailure(at: now, policy: policy)
            case .cancellation: breakers[model]?.recordCancellation()
            }
            if let change { changes.append(BreakerChange(model: model, kind: change)) }
        }
        return changes
    }

    /// The live window of a model's breaker: failed and total requests in the last `policy.window`.
    public func window(_ model: ModelID) -> (failed: Int, total: Int) {
        (breakers[model] ?? CircuitBreaker()).window(at: clock.now, policy: policy)
    }

    public func status(_ model: ModelID) -> CircuitBreaker.Permission {
        (breakers[model] ?? CircuitBreaker()).status(at: clock.now)
    }

    public func breaker(_ model: ModelID) -> CircuitBreaker {
        breakers[model] ?? CircuitBreaker()
    }

    /// The whole board as plain values, to be saved.
    public func snapshot() -> [ModelID: CircuitBreaker] { breakers }

    /// Takes in what another process saved since: its requests count here too.
    public func adopt(_ saved: [ModelID: CircuitBreaker]) {
        let now = clock.now
        for (model, theirs) in saved {
            breakers[model] = breakers[model].map { CircuitBreaker.merging($0, with: theirs, at: now) } ?? theirs
        }
    }

    /// Closes breakers, noting when: merged with another process's view, the reset beats any opening
    /// before it (saving the board resets them in the store too).
    public func reset(_ model: ModelID? = nil) {
        let now = clock.now
        for model in model.map({ [$0] }) ?? Array(breakers.keys) { breakers[model] = .reset(at: now) }
    }
}
