/// How a turn ended.
public enum TurnStatus: String, Sendable, Codable {
    /// Synthesised, and every asked model did its part.
    case complete
    /// An answer, but some model failed, timed out or was blocked, or the answer is unsynthesised.
    case partial
    case cancelled
    /// No answer at all.
    case failed
}

/// Tokens and cost of one call.
public struct UsageLine: Sendable, Equatable, Codable {
    public var stage: Stage
    public var model: ModelID
    public var usage: Usage
}

/// A reviewer's outcome: its call, and the verdict on its reply.
public struct ReviewResult: Sendable, Equatable {
    public var call: ModelResult
    /// `nil` when no reply arrived to judge (timed out, failed, cancelled or blocked).
    public var verdict: ReviewVerdict?
    /// Which model's answer each label (`A`, `B`, …) stood for in this reviewer's prompt.
    public var labels: [String: ModelID]

    public init(call: ModelResult, verdict: ReviewVerdict?, labels: [String: ModelID] = [:]) {
        self.call = call
        self.verdict = verdict
        self.labels = labels
    }

    /// The ballot this review casts; none when its ranking could not be read.
    public var vote: ReviewVote? { verdict?.ranking.map { ReviewVote(reviewer: call.model, ranking: $0) } }
    public var rejection: String? { verdict?.rejection }
}

/// Everything a turn produced.
public struct TurnResult: Sendable, Equatable {
    public var status: TurnStatus
    public var finalAnswer: String?
    /// False when no chairman could write and the top-ranked answer is returned as it was.
    public var synthesised: Bool
    public var chairman: ModelID?
    public var generation: [ModelResult]
    /// The debate round's revised answers; empty when the turn did not debate.
    public var revision: [ModelResult] = []
    public var reviews: [ReviewResult]
    public var aggregate: AggregateRanking?
    /// How far the reviewers agreed; nil when nothing was ranked.
    public var agreement: ReviewAgreement? = nil
    public var synthesis: [ModelResult]
    public var usage: [UsageLine]
    public var stageTimes: [Stage: Duration]
    public var totalTime: Duration
    /// Why the turn failed, model by model, when nothing arrived.
    public var failureReasons: [ModelID: String]

    public var arrivedCount: Int { generation.filter(\.outcome.isSuccess).count }
    public var askedCount: Int { generation.count }

    /// All tokens; the cost is `nil` when any call's cost is unknown.
    public var totalUsage: Usage { usage.map(\.usage).reduce(Usage(cost: 0), +) }
}
