/// Limits of one fan-out.
public struct FanOutSettings: Sendable, Equatable {
    public var perModelTimeout: Duration
    /// Stop as soon as this many models have answered; `nil` waits for all.
    public var minResponses: Int?
    /// Bounds the whole fan-out; models still running then are reported timed out.
    public var deadline: Duration?
    /// Models with a timeout of their own; one not shorter than `perModelTimeout` changes nothing.
    public var modelTimeouts: [ModelID: Duration]
    /// Models whose request is sent once more when no first token has come after this long.
    public var hedgeDelays: [ModelID: Duration]

    public init(perModelTimeout: Duration, minResponses: Int? = nil, deadline: Duration? = nil,
                modelTimeouts: [ModelID: Duration] = [:], hedgeDelays: [ModelID: Duration] = [:]) {
        self.perModelTimeout = perModelTimeout
        self.minResponses = minResponses
        self.deadline = deadline
        self.modelTimeouts = modelTimeouts
        self.hedgeDelays = hedgeDelays
    }

    /// `model`'s own timeout when it is shorter than the fan-out's; `nil` leaves the model to the
    /// fan-out's one timer.
    func ownTimeout(of model: ModelID) -> Duration? {
        guard let own = modelTimeouts[model], own < perModelTimeout else { return nil }
        return own
    }

    /// `model`'s hedge delay when a hedge could be sent before the fan-out's timeout.
    func hedgeDelay(of model: ModelID) -> Duration? {
        guard let delay = hedgeDelays[model], delay < perModelTimeout else { return nil }
        return delay
    }
}

/// What an acceptance check made of an answer that arrived: the verdict kept with the result, and
/// whether the answer counts.
public struct Judgement<Verdict: Sendable>: Sendable {
    public var verdict: Verdict
    /// Set when the answer does not count: it becomes this failure, which does not count towards
    /// `minResponses` (e.g. a review without a usable ranking). The model did answer, so its breaker
    /// records a success: a reviewer that cannot rank loses its ballot, not its seat.
    public var rejection: ChatError?

    public init(verdict: Verdict, rejection: ChatError? = nil) {
        self.verdict = verdict
        self.rejection = rejection
    }
}

/// A model's result with the verdict on its answer; `nil` when no answer arrived to judge.
public struct Judged<Verdict: Sendable>: Sendable {
    public var result: ModelResult
    public var verdict: Verdict?
}
