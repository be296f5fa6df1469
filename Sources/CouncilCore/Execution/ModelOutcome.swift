import Foundation

/// Why a request was cancelled rather than failed; none of these count against a breaker.
public enum CancelReason: String, Sendable, Codable {
    /// Enough models had answered (`min_responses`).
    case earlyCompletion
    /// The user cancelled the turn (Ctrl-C).
    case user
}

/// How one model's request ended.
public enum ModelOutcome: Sendable, Equatable {
    case arrived(ChatCompletion)
    /// Past its per-model timeout, or cut off by the overall deadline.
    case timedOut(after: Duration)
    case failed(ChatError)
    case cancelled(CancelReason)
    /// Not called: its breaker is open for `remaining` more.
    case blocked(remaining: Duration)

    public var isSuccess: Bool {
        if case .arrived = self { true } else { false }
    }

    public var completion: ChatCompletion? {
        if case .arrived(let completion) = self { completion } else { nil }
    }

    /// A short human reason, e.g. for a failed turn's report.
    public var summary: String {
        switch self {
        case .arrived: "arrived"
        case .timedOut(let after): "timed out after \(String(format: "%.1f", after.seconds)) s"
        case .failed(let error): error.summary
        case .cancelled(let why): why == .user ? "cancelled" : "cancelled (early completion)"
        case .blocked(let remaining): "circuit breaker open for \(Int(remaining.seconds.rounded(.up))) s more"
        }
    }

    /// A one-word name for logs, JSON and the store.
    public var kind: String {
        switch self {
        case .arrived: "arrived"
        case .timedOut: "timed_out"
        case .failed: "failed"
        case .cancelled: "cancelled"
        case .blocked: "blocked"
        }
    }
}

/// A model's outcome and how long it took, measured from the start of the fan-out.
public struct ModelResult: Sendable, Equatable {
    public var model: ModelID
    public var outcome: ModelOutcome
    public var latency: Duration
    /// An answer that arrived but was not accepted (a review without a usable ranking): it does not
    /// count as arrived, but the gateway billed it, so its usage counts in the totals.
    public var rejectedAnswer: ChatCompletion?
    /// When the first token of the answer that was kept arrived, from the start of the fan-out;
    /// `nil` when none did.
    public var firstToken: Duration?
    /// Set when a second, hedged request was sent because no first token had arrived after this long.
    public var hedgedAfter: Duration?

    public init(model: ModelID, outcome: ModelOutcome, latency: Duration, rejectedAnswer: ChatCompletion? = nil,
                firstToken: Duration? = nil, hedgedAfter: Duration? = nil) {
        self.model = model
        self.outcome = outcome
        self.latency = latency
        self.rejectedAnswer = rejectedAnswer
        self.firstToken = firstToken
        self.hedgedAfter = hedgedAfter
    }

    /// Every answer that came back, accepted or not: what was billed.
    public var billedAnswer: ChatCompletion? { outcome.completion ?? rejectedAnswer }
}
