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

/// Whether a turn runs the debate round, in which every model that answered reads the others' answers
/// and answers again before the review.
public enum DebateMode: String, Sendable, Codable, CaseIterable {
    case off, on
    /// Only when the first review's agreement is below `CouncilRequest.debateBelow`; the review then runs again.
    case auto
}

/// An earlier exchange: the user's prompt with what was attached to it, and the council's final answer.
/// A turn without one (`answers` mode) keeps every model's own answer: each model is shown what it said,
/// and a model that said nothing then (or a reviewer, or the chairman) is shown `answer`, the first
/// that arrived.
public struct ConversationTurn: Sendable, Codable, Equatable {
    public let prompt: String
    public let attachments: [Attachment]
    public var answer: String
    public var answersByModel: [ModelID: String]
    /// The prompt with its attachments as the models read it, rendered once for every model and stage.
    public let userText: String

    public init(prompt: String, answer: String, answersByModel: [ModelID: String] = [:], attachments: [Attachment] = []) {
        self.prompt = prompt
        self.attachments = attachments
        self.answer = answer
        self.answersByModel = answersByModel
        userText = AttachedMaterial.text(question: prompt, attachments: attachments)
    }

    /// The exchange's user message; its images only for a model that takes them.
    func userMessage(images: Bool) -> ChatMessage {
        .user(userText, images: images ? AttachedMaterial.images(attachments) : [])
    }

    /// The answer `model` is shown for this exchange.
    public func answer(for model: ModelID?) -> String {
        model.flatMap { answersByModel[$0] } ?? answer
    }
}

/// Everything one turn needs; built by the session from its settings.
public struct CouncilRequest: Sendable {
    public var question: String
    /// What the user attached to the question: every model of every stage sees it with the question.
    public var attachments: [Attachment] = []
    /// The models that take images; the others get an attachment's name in the text, never its bytes.
    public var visionModels: Set<ModelID> = []
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
    public var debate: DebateMode = .off
    /// With `debate: auto`, the agreement (0…1) below which the council debates.
    public var debateBelow: Double = 0.5

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

    /// The conversation as `model` sees it in `stage`: its own system prompt, the history that fits, and
    /// `question` (the question with its attachments, rendered once per turn).
    func context(_ stage: Stage, for model: ModelID, question: QuestionMessages) -> [ChatMessage] {
        let images = visionModels.contains(model)
        return ConversationContext.messages(system: settings(stage, model).systemPrompt, history: history,
                                            question: images ? question.withImages : question.textOnly,
                                            budgetTokens: contextBudgetTokens, for: model, images: images)
    }

    /// A client's own options over the configuration's (`council serve`): `answers` for every model's
    /// answer and the chairman's, `synthesis` for the chairman's alone.
    public mutating func override(answers: RequestOptions, synthesis: RequestOptions) {
        guard !answers.isEmpty || !synthesis.isEmpty else { return }
        for model in models + (chairman.map { [$0] } ?? []) {
            for (stage, extra) in [(Stage.generation, answers), (.revision, answers), (.synthesis, answers.overridden(by: synthesis))] {
                var call = settings(stage, model)
                call.options = call.options.overridden(by: extra)
                calls[stage, default: [:]][model] = call
            }
        }
    }

    /// The attachments that are images, and the models that will not see them.
    public var modelsMissingImages: [ModelID] {
        attachments.contains(where: \.isImage) ? models.filter { !visionModels.contains($0) } : []
    }
}

/// The question's user message for models that take images and for those that do not, built once per turn.
struct QuestionMessages: Sendable {
    let textOnly: ChatMessage
    let withImages: ChatMessage

    init(_ request: CouncilRequest) {
        textOnly = AttachedMaterial.message(question: request.question, attachments: request.attachments, images: false)
        withImages = ChatMessage.user(textOnly.content, images: AttachedMaterial.images(request.attachments))
    }
}
