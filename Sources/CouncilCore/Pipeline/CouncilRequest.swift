/// Which stages a turn runs.
public enum CouncilMode: String, Sendable, Codable, CaseIterable {
    /// Generation, peer review, synthesis.
    case full
    /// Generation and synthesis, no peer review.
    case synth
    /// Generation only; every answer is shown.
    case answers
}

/// What a model costs, in US dollars per million tokens, for gateways that do not report cost;
/// either side may be unknown. Prompt tokens read from the provider's cache cost `cachedInputPerMillion`
/// when it is known, the input price otherwise.
public struct ModelPrice: Sendable, Codable, Equatable {
    public var inputPerMillion: Double?
    public var outputPerMillion: Double?
    public var cachedInputPerMillion: Double?

    public init(inputPerMillion: Double? = nil, outputPerMillion: Double? = nil, cachedInputPerMillion: Double? = nil) {
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
        self.cachedInputPerMillion = cachedInputPerMillion
    }

    /// `nil` when the price of a side the call used is unknown.
    public func cost(of usage: Usage) -> Double? {
        let cached = min(max(usage.cachedTokens, 0), usage.promptTokens)
        let fresh = usage.promptTokens - cached
        let input = fresh == 0 ? 0 : inputPerMillion.map { Double(fresh) * $0 }
        let reused = cached == 0 ? 0 : (cachedInputPerMillion ?? inputPerMillion).map { Double(cached) * $0 }
        let output = usage.completionTokens == 0 ? 0 : outputPerMillion.map { Double(usage.completionTokens) * $0 }
        guard let input, let reused, let output else { return nil }
        return (input + reused + output) / 1_000_000
    }
}

/// An earlier exchange: the user's prompt and the council's final answer. A turn without one (`answers`
/// mode) keeps every model's own answer: each model is shown what it said, and a model that said
/// nothing then (or a reviewer, or the chairman) is shown `answer`, the first that arrived.
public struct ConversationTurn: Sendable, Codable, Equatable {
    public var prompt: String
    public var answer: String
    public var answersByModel: [ModelID: String]

    public init(prompt: String, answer: String, answersByModel: [ModelID: String] = [:]) {
        self.prompt = prompt
        self.answer = answer
        self.answersByModel = answersByModel
    }

    /// The answer `model` is shown for this exchange.
    public func answer(for model: ModelID?) -> String {
        model.flatMap { answersByModel[$0] } ?? answer
    }
}

/// Everything one turn needs; built by the session from its settings.
public struct CouncilRequest: Sendable {
    public var question: String
    public var history: [ConversationTurn]
    public var systemPrompt: String?
    public var models: [ModelID]
    /// `nil` lets the best-ranked available model synthesise.
    public var chairman: ModelID?
    public var minResponses: Int?
    public var perModelTimeout: Duration
    /// Bounds the whole turn; a stage that runs into it goes on with what it has.
    public var budget: Duration
    public var mode: CouncilMode
    public var contextBudgetTokens: Int
    public var prices: [ModelID: ModelPrice]
    /// Per stage and model, the user's system prompt and request options; a model without an entry
    /// gets `systemPrompt` and no options.
    public var calls: [Stage: [ModelID: CallSettings]] = [:]

    public init(question: String, history: [ConversationTurn] = [], systemPrompt: String? = nil, models: [ModelID],
                chairman: ModelID? = nil, minResponses: Int? = nil, perModelTimeout: Duration = .seconds(30),
                budget: Duration = .seconds(90), mode: CouncilMode = .full, contextBudgetTokens: Int = 8000,
                prices: [ModelID: ModelPrice] = [:]) {
        self.question = question
        self.history = history
        self.systemPrompt = systemPrompt
        self.models = models
        self.chairman = chairman
        self.minResponses = minResponses
        self.perModelTimeout = perModelTimeout
        self.budget = budget
        self.mode = mode
        self.contextBudgetTokens = contextBudgetTokens
        self.prices = prices
    }

    /// How long one model may take in `stage`. The chairman writes the longest text of the turn, so
    /// it gets twice the per-model timeout.
    public func timeout(for stage: Stage) -> Duration {
        stage == .synthesis ? perModelTimeout * 2 : perModelTimeout
    }
}

extension CouncilRequest {
    /// How `model` is called in `stage`.
    public func settings(_ stage: Stage, _ model: ModelID) -> CallSettings {
        calls[stage]?[model] ?? CallSettings(systemPrompt: stage == .review ? nil : systemPrompt)
    }

    /// The conversation as `model` sees it in `stage`: its own system prompt, the history that fits, the question.
    func context(_ stage: Stage, for model: ModelID) -> [ChatMessage] {
        ConversationContext.messages(system: settings(stage, model).systemPrompt, history: history,
                                     question: question, budgetTokens: contextBudgetTokens, for: model)
    }
}
