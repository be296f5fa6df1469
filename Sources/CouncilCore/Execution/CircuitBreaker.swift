/// The four numbers of a breaker; the defaults are the seed's.
public struct BreakerPolicy: Sendable, Codable, Equatable {
    /// The breaker opens when the failed share of the window is *above* this.
    public var failureThreshold: Double
    public var window: Duration
    /// Below this many requests in the window the breaker never opens.
    public var minimumRequests: Int
    public var cooldown: Duration

    public init(failureThreshold: Double = 0.25, window: Duration = .seconds(600),
                minimumRequests: Int = 5, cooldown: Duration = .seconds(1800)) {
        self.failureThreshold = failureThreshold
        self.window = window
        self.minimumRequests = minimumRequests
        self.cooldown = cooldown
    }

    public static let `default` = BreakerPolicy()
}

/// One model's circuit breaker: a plain value, so it can be saved and restored as it is.
public struct CircuitBreaker: Sendable, Codable, Equatable {
    public enum State: Sendable, Codable, Equatable {
        case closed
        case open(until: EpochInstant)
        /// The cooldown is over; one trial request decides. `trialInFlight` keeps it to one.
        case halfOpen(trialInFlight: Bool)
    }

    public enum Permission: Sendable, Equatable {
        case allowed
        case trial
        /// `remaining` is zero while another request is the half-open trial.
        case blocked(remaining: Duration)
    }

    public struct Sample: Sendable, Codable, Hashable {
        public var at: EpochInstant
        public var failed: Bool

        public init(at: EpochInstant, failed: Bool) {
            self.at = at
            self.failed = failed
        }
    }

    /// The newest requests a window keeps. Their failed share is all a breaker decides on, and a
    /// served council calls a model many times a second: a window of every request in ten minutes
    /// ran to tens of thousands, and each turn's save encoded and decoded all of them.
    public static let sampleLimit = 200

    public private(set) var state: State = .closed
    public private(set) var samples: [Sample] = []
    /// When it last opened: a reset made after that undoes the opening wherever the two are merged.
    public private(set) var openedAt: EpochInstant?
    /// When the user last reset it (`/breakers reset`, `council breakers reset`).
    public private(set) var resetAt: EpochInstant?

    public init() {}
    public init(state: State, samples: [Sample], openedAt: EpochInstant? = nil, resetAt: EpochInstant? = nil) {
        self.state = state
        self.samples = samples
        self.openedAt = openedAt
        self.resetAt = resetAt
    }

    /// A breaker the user closed at `now`: the explicit act beats any opening before it.
    public static func reset(at now: EpochInstant) -> CircuitBreaker {
        CircuitBreaker(state: .closed, samples: [], resetAt: now)
    }

    /// Asks to send a request now. An expired cooldown turns into the half-open trial.
    public mutating func permit(at now: EpochInstant) -> Permission {
        switch state {
        case .closed:
            return .allowed
        case .open(let until) where now < until:
            return .blocked(remaining: now.duration(to: until))
        case .open, .halfOpen(trialInFlight: false):
            state = .halfOpen(trialInFlight: true)
            return .trial
        case .halfOpen(trialInFlight: true):
            return .blocked(remaining: .zero)
        }
    }

    /// What `permit` would answer, without changing anything (for display).
    public func status(at now: EpochInstant) -> Permission {
        var copy = self
        return copy.permit(at: now)
    }

    /// Returns the change of state it caused, if any.
    @discardableResult
    public mutating func recordSuccess(at now: EpochInstant, policy: BreakerPolicy) -> BreakerChange.Kind? {
        if case .halfOpen = state {
            state = .closed
            samples.removeAll()
            return .closed
        }
        append(Sample(at: now, failed: false), policy: policy)
        return nil
    }

    /// Returns the change of state it caused, if any.
    @discardableResult
    public mutating func recordFailure(at now: EpochInstant, policy: BreakerPolicy) -> BreakerChange.Kind? {
        if case .halfOpen = state {
            state = .open(until: now.advanced(by: policy.cooldown))
            openedAt = now
            return .reopened(cooldown: policy.cooldown)
        }
        append(Sample(at: now, failed: true), policy: policy)
        if samples.count >= policy.minimumRequests, failureRate > policy.failureThreshold {
            state = .open(until: now.advanced(by: policy.cooldown))
            openedAt = now
            // The samples stay, so the window that opened it can be shown; they age out on read.
            return .opened(failed: samples.filter(\.failed).count, of: samples.count, window: policy.window, cooldown: policy.cooldown)
        }
        return nil
    }

    /// The requests of the window that ends `now`: pruned on read, so an idle model's window empties.
    public func window(at now: EpochInstant, policy: BreakerPolicy) -> (failed: Int, total: Int) {
        let cutoff = now.advanced(by: .zero - policy.window)
        let live = samples.filter { $0.at >= cutoff }
        return (live.filter(\.failed).count, live.count)
    }

    /// Two views of one model's breaker, from two processes: every request either saw counts once,
    /// and a breaker still open in either (its cooldown not over) stays open; otherwise `mine`, the
    /// newer view, decides the state. A reset wins over what came before it: the newer of the two
    /// resets drops the requests and any opening older than itself, in whichever view they were.
    public static func merging(_ mine: CircuitBreaker, with theirs: CircuitBreaker, at now: EpochInstant) -> CircuitBreaker {
        let reset = [mine.resetAt, theirs.resetAt].compactMap { $0 }.max()
        func sinceReset(_ instant: EpochInstant?) -> Bool {
            guard let reset else { return true }
            return instant.map { $0 >= reset } ?? false
        }
        var samples = mine.samples.filter { sinceReset($0.at) }
        // A set, not `samples.contains`: the scan made every turn's save quadratic in the window (a
        // third of serve's CPU at 16 turns at once, before windows were capped at `sampleLimit`).
        var seen = Set(samples)
        for sample in theirs.samples where sinceReset(sample.at) && seen.insert(sample).inserted { samples.append(sample) }
        samples.sort { $0.at < $1.at }
        samples.removeFirst(max(0, samples.count - sampleLimit))
        func openUntil(_ breaker: CircuitBreaker) -> EpochInstant? {
            guard case .open(let until) = breaker.state, now < until, sinceReset(breaker.openedAt) else { return nil }
            return until
        }
        let (state, openedAt): (State, EpochInstant?) = switch (openUntil(mine), openUntil(theirs)) {
        case let (a?, b?): (.open(until: max(a, b)), [mine.openedAt, theirs.openedAt].compactMap { $0 }.max())
        case (nil, let b?): (.open(until: b), theirs.openedAt)
        // Mine decides, unless a reset it had not seen came after its last opening.
        default: mine.resetAt == reset || sinceReset(mine.openedAt) ? (mine.state, mine.openedAt) : (.closed, nil)
        }
        return CircuitBreaker(state: state, samples: samples, openedAt: openedAt, resetAt: reset)
    }

    /// A cancelled request (early completion, Ctrl-C) says nothing about the model.
    public mutating func recordCancellation() {
        if case .halfOpen(trialInFlight: true) = state { state = .halfOpen(trialInFlight: false) }
    }

    public var failureRate: Double {
        samples.isEmpty ? 0 : Double(samples.filter(\.failed).count) / Double(samples.count)
    }

    private mutating func append(_ sample: Sample, policy: BreakerPolicy) {
        samples.append(sample)
        let cutoff = sample.at.advanced(by: .zero - policy.window)
        samples.removeAll { $0.at < cutoff }
        samples.removeFirst(max(0, samples.count - Self.sampleLimit))
    }
}
