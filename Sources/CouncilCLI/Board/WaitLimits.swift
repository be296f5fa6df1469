import CouncilCore

/// How long a model may take in a stage, shown beside the time it has taken (`waiting 3.6 s / 30 s`):
/// the stage's timeout, or the model's own when it has one (a number of its own, or `timeout: auto`).
struct WaitLimits: Sendable, ExpressibleByDictionaryLiteral {
    var stages: [Stage: Duration] = [:]
    var models: [Stage: [ModelID: Duration]] = [:]

    init(stages: [Stage: Duration] = [:], models: [Stage: [ModelID: Duration]] = [:]) {
        self.stages = stages
        self.models = models
    }

    init(dictionaryLiteral elements: (Stage, Duration)...) {
        self.init(stages: Dictionary(uniqueKeysWithValues: elements))
    }

    /// The limits a request sets: each stage's timeout, and each model's own where its call has one.
    init(_ request: CouncilRequest) {
        self.init(stages: Dictionary(uniqueKeysWithValues: Stage.allCases.map { ($0, request.timeout(for: $0)) }),
                  models: request.calls.mapValues { $0.compactMapValues(\.timeout) })
    }

    func limit(_ stage: Stage, _ model: ModelID) -> Duration? { models[stage]?[model] ?? stages[stage] }
}
