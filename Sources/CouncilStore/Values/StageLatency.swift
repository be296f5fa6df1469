import CouncilCore

/// How fast one model has been in one stage over its most recent results (see
/// `CouncilStore.recentLatency`): nearest-rank percentiles of the answers that arrived and of their
/// first tokens, with the number of samples behind each.
public struct StageLatency: Sendable, Equatable {
    public var model: ModelID
    public var stage: Stage
    /// Answers that arrived in the window: the latency samples.
    public var answers = 0
    public var latencyP50: Duration?
    public var latencyP95: Duration?
    /// Arrived answers whose first token was recorded (rows written before that column have none).
    public var firstTokens = 0
    public var firstTokenP50: Duration?
    public var firstTokenP95: Duration?
    /// Calls in the window for which a hedged second request was sent.
    public var hedged = 0
    /// How long the newest arrived answer took.
    public var latestAnswer: Duration?
    /// How many of the newest decided calls timed out, one after another (0 when the newest did not).
    public var timeoutsInARow = 0

    public init(model: ModelID, stage: Stage) {
        self.model = model
        self.stage = stage
    }
}

/// Every model's recent latency, by model and stage.
public struct LatencyStats: Sendable, Equatable {
    public var entries: [ModelID: [Stage: StageLatency]]

    public init(_ entries: [StageLatency] = []) {
        var byModel: [ModelID: [Stage: StageLatency]] = [:]
        for entry in entries { byModel[entry.model, default: [:]][entry.stage] = entry }
        self.entries = byModel
    }

    public static let none = LatencyStats()

    /// The model's figures in `stage`; empty (no samples) when it has none.
    public subscript(model: ModelID, stage: Stage) -> StageLatency {
        entries[model]?[stage] ?? StageLatency(model: model, stage: stage)
    }
}
