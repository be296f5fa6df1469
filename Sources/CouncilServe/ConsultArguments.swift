import CouncilCLI
import CouncilCore
import MCP

/// `consult_council`'s arguments, read and checked: the question, and optionally a tier, the models
/// that answer (configured ones) and a mode. A bad one is said to the client as the tool's error.
struct ConsultArguments {
    var question: String
    var tier: Tier?
    var models: [ModelID]?
    var mode: CouncilMode?

    struct Refusal: Error { let message: String }

    static let schema: Value = .object([
        "type": .string("object"),
        "properties": .object([
            "question": .object(["type": .string("string"), "description": .string("The question, with any material it needs.")]),
            "tier": .object(["type": .string("string"), "enum": .array(Tier.allCases.map { .string($0.rawValue) }),
                             "description": .string("Which tier of models; the configured one when left out.")]),
            "models": .object(["type": .string("array"), "items": .object(["type": .string("string")]),
                               "description": .string("The configured models that answer, instead of the tier's.")]),
            "mode": .object(["type": .string("string"), "enum": .array(CouncilMode.allCases.map { .string($0.rawValue) }),
                             "description": .string("full (answers, review, synthesis), synth (no review) or answers (each model's answer).")]),
        ]),
        "required": .array([.string("question")]),
    ])

    init(_ arguments: [String: Value]?, config: CouncilConfig) throws(Refusal) {
        guard let question = arguments?["question"]?.stringValue, !question.isEmpty else { throw Refusal(message: "the question is missing") }
        self.question = question
        if let name = arguments?["tier"] {
            guard let tier = name.stringValue.flatMap(Tier.init(rawValue:)) else {
                throw Refusal(message: "unknown tier \(name) — one of \(Tier.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.tier = tier
        }
        if let names = arguments?["models"] {
            let models = (names.arrayValue ?? []).compactMap(\.stringValue).map { ModelID($0) }
            guard !models.isEmpty, models.count == names.arrayValue?.count else { throw Refusal(message: "models must be a list of model ids") }
            if let unknown = models.first(where: { config.models[$0] == nil }) {
                throw Refusal(message: "unknown model \(unknown.rawValue) — configured: \(config.models.keys.map(\.rawValue).sorted().joined(separator: ", "))")
            }
            self.models = models
        }
        if let name = arguments?["mode"] {
            guard let mode = name.stringValue.flatMap(CouncilMode.init(rawValue:)) else {
                throw Refusal(message: "unknown mode \(name) — one of \(CouncilMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.mode = mode
        }
    }

    /// The run's session state with these choices made.
    func state(config: CouncilConfig) -> SessionState {
        var state = SessionState(config: config)
        if let tier { _ = state.switchTier(to: .fixed(tier)) }
        if let mode { state.choose(mode: mode) }
        if let models {
            let tier = tier ?? state.resolveTier(for: question).tier
            state.added = models
            state.disabled = Set(state.models(for: tier)).subtracting(models)
        }
        return state
    }
}
