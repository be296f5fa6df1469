import CouncilCore
import Synchronization

/// The demo council's models, answering in-process: no network, no key. Latencies follow the seed's
/// 2 s/3 s/4 s/5 s times `timeScale`; failures follow `seed`, so the same seed gives the same turns.
public final class DemoProvider: ChatProvider {
    public let models: [ModelID: DemoModel]
    public let timeScale: Double
    public let seed: UInt64
    /// How many calls each model has had: the n-th call of a model always behaves the same way,
    /// whatever order concurrent calls of other models arrive in.
    private let callCounts = Mutex<[ModelID: Int]>([:])

    public init(models: [DemoModel] = DemoCouncil.models,
                timeScale: Double = DemoCouncil.defaultTimeScale,
                seed: UInt64 = 2024) {
        self.models = Dictionary(models.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.timeScale = max(0, timeScale)
        self.seed = seed
    }

    public func complete(
        model: ModelID,
        messages: [ChatMessage],
        onDelta: @escaping @Sendable (String) -> Void
    ) async throws -> ChatCompletion {
        guard let spec = models[model] else {
            throw ChatError.unknownModel(message: "demo: no simulated model named \(model)")
        }
        let call = callCounts.withLock { counts in
            defer { counts[model, default: 0] += 1 }
            return counts[model, default: 0]
        }
        var random = DemoRandom(seed: seed, model.rawValue, String(call))
        let plan = Self.plan(for: spec, random: &random)
        let latency = spec.latency * (plan.jitter * timeScale)

        switch plan.outcome {
        case .outage:
            // A failing gateway answers after a short while, not at once.
            try await Task.sleep(for: latency * 0.3)
            throw ChatError.serverError(status: 503, message: "demo: simulated outage")
        case .stall(let factor):
            try await Task.sleep(for: latency * factor)
        case .answer:
            break
        }

        let stage = DemoStage(messages: messages)
        var textRandom = DemoRandom(seed: seed, model.rawValue, messages.last?.content ?? "")
        let text = DemoScript.text(for: stage, model: model, random: &textRandom)
        let deltas = DemoScript.deltas(of: text, count: 8)
        // Half the latency to the first token, the rest spread over the stream.
        try await Task.sleep(for: latency * 0.5)
        let gap = latency * (0.5 / Double(deltas.count))
        for (index, delta) in deltas.enumerated() {
            if index > 0 { try await Task.sleep(for: gap) }
            try Task.checkCancellation()
            onDelta(delta)
        }
        let promptCharacters = messages.reduce(0) { $0 + $1.content.count }
        return ChatCompletion(text: text, usage: Usage(promptTokens: promptCharacters / 4,
                                                       completionTokens: text.count / 4, cost: 0))
    }

    /// What the n-th call of a model does, decided before it starts.
    struct Plan: Equatable {
        enum Outcome: Equatable { case answer, outage, stall(factor: Double) }
        var outcome: Outcome
        /// ±15 % around the model's latency, so the finishing order varies a little.
        var jitter: Double
    }

    static func plan(for model: DemoModel, random: inout DemoRandom) -> Plan {
        let jitter = 0.85 + 0.3 * random.unit()
        let roll = random.unit()
        switch model.behaviour {
        case .reliable:
            return Plan(outcome: .answer, jitter: jitter)
        case .outages(let rate):
            return Plan(outcome: roll < rate ? .outage : .answer, jitter: jitter)
        case .stalls(let rate, let factor):
            return Plan(outcome: roll < rate ? .stall(factor: factor) : .answer, jitter: jitter)
        }
    }
}
