import CouncilCore
import CouncilStore

/// A session's live choices over the run's configuration: the settings it chose (`/tier`, `/timeout`,
/// …, keyed by setting), which models sit on the council, and where the context starts. `config` is
/// the one place a session choice is merged over the configuration; everything a turn, `/config` or
/// `/models` reads comes from it.
public struct SessionState: Sendable, Equatable {
    /// The run's configuration with the session's choices in force, each with `session` as its source.
    public private(set) var config: CouncilConfig
    /// The run's configuration as loaded (file, variables, flags, defaults).
    private let base: CouncilConfig
    /// The session's choices in force, as text by setting key (read back with the setting's parser).
    public private(set) var choices: [String: String] = [:]
    public var disabled: Set<ModelID> = []
    /// Models added to the council beyond the tier's pool.
    public var added: [ModelID] = []
    /// The first turn the conversation context reaches back to; `/clear` moves it past the last turn.
    public var contextFromTurn = 1
    /// Saved choices that a flag or variable beats for this run: saving keeps them as they were.
    private var runOnly: [String: String] = [:]

    public init(config: CouncilConfig) {
        self.init(config: config, saved: SessionSettings())
    }

    /// The session's saved choices weighed against the run's configuration, setting by setting, by
    /// `Precedence`: a saved choice beats the file and the defaults; a flag or variable beats the
    /// saved choice for this run only. Choices stored by older versions are read too.
    public init(config: CouncilConfig, saved: SessionSettings) {
        base = config
        self.config = config
        contextFromTurn = saved.contextFromTurn ?? 1
        disabled = Set(saved.disabledModels ?? [])
        added = saved.enabledModels ?? []
        for setting in SettingDeclarations.sessionScoped {
            guard let text = setting.sessionText(in: saved),
                  let winner = setting.sessionWinner(config: config, choice: text) else { continue }
            if winner == .session { choices[setting.key] = text }
            if winner > .session { runOnly[setting.key] = text }
        }
        merge()
    }

    /// The user chose `value` at the prompt: from now on it is the session's own choice.
    mutating func choose<Value>(_ setting: Setting<Value>, _ value: Value) {
        guard let binding = setting.session else { return }
        choices[setting.key] = binding.text(value)
        runOnly[setting.key] = nil
        merge()
    }

    /// The session's own choice of `setting`, nil when the configuration's value is in force.
    func choice<Value>(_ setting: Setting<Value>) -> Value? {
        choices[setting.key].flatMap(setting.parser.parse)
    }

    private mutating func merge() {
        var merged = base
        for setting in SettingDeclarations.sessionScoped {
            if let text = choices[setting.key] { setting.apply(sessionChoice: text, to: &merged) }
        }
        config = merged
    }

    /// What the store keeps: the session's choices, less what this run's flags and variables decided.
    public var saved: SessionSettings {
        let kept = choices.merging(runOnly) { _, saved in saved }
        return SessionSettings(choices: kept.isEmpty ? nil : kept, disabledModels: disabled.sorted(),
                               enabledModels: added, contextFromTurn: contextFromTurn)
    }

    public var tier: TierChoice { config.defaultTier }
    public var mode: CouncilMode { config.mode }
    public var tierLabel: String { tier.description }

    /// The tier the next turn runs on when no question picks one (`auto` takes the configured base tier).
    var currentTier: Tier { tier.tier ?? config.baseTier }

    /// Switching tier gives that tier's pool: `/only`, `/enable` and `/disable` choices are dropped.
    public mutating func switchTier(to newTier: TierChoice) -> Bool {
        let hadToggles = !disabled.isEmpty || !added.isEmpty
        choose(SettingDeclarations.defaultTier, newTier)
        disabled = []
        added = []
        return hadToggles
    }

    /// The council for a tier: its pool plus added models, minus disabled ones, in a stable order.
    public func models(for tier: Tier) -> [ModelID] {
        var result: [ModelID] = []
        for model in config.tier(tier).models + added where !disabled.contains(model) && !result.contains(model) {
            result.append(model)
        }
        return result
    }

    /// The tier a question runs on, and a note saying why when `auto` chose it.
    public func resolveTier(for question: String) -> (tier: Tier, note: String?) {
        if let tier = tier.tier { return (tier, nil) }
        let choice = TierHeuristic.choose(for: question)
        return (choice.tier, "auto tier: \(choice.tier.rawValue) — \(choice.reason)")
    }

    /// The turn's request; `latency` (each model's recent figures) resolves `auto` timeouts and hedges.
    public func request(question: String, history: [ConversationTurn], tier: Tier, latency: LatencyStats = .none) -> CouncilRequest {
        let planner = self.planner(tier: tier, latency: latency)
        let council = models(for: tier)
        var request = CouncilRequest(
            question: question, history: history, systemPrompt: planner.sharedSystemPrompt, models: council,
            chairman: config.chairman, minResponses: config.minResponses,
            perModelTimeout: planner.perModelTimeout, budget: config.tier(tier).budget, mode: mode,
            contextBudgetTokens: config.contextBudgetTokens,
            prices: config.models.compactMapValues(\.price))
        request.calls = planner.calls(for: council + [config.chairman])
        request.visionModels = Set(config.models.values.filter(\.vision).map(\.id))
        (request.debate, request.debateBelow) = (planner.debate, config.debateBelow)
        return request
    }

    /// How this session's calls on `tier` are planned.
    func planner(tier: Tier, latency: LatencyStats = .none) -> CallPlanner {
        CallPlanner(config: config, tier: tier, latency: latency)
    }
}

extension SessionState {
    /// A system prompt for this run's turns (`council serve`: the request's `system` message).
    public mutating func choose(systemPrompt: String) { choose(SettingDeclarations.systemPrompt, systemPrompt) }

    /// A mode for this run's turns (`council mcp`: the tool's `mode`).
    public mutating func choose(mode: CouncilMode) { choose(SettingDeclarations.mode, mode) }
}

extension SessionState {
    /// The turn's request before its latency is resolved, its tier, and the note when `auto` chose it;
    /// or why it cannot run, before anything is stored or sent: no model of the tier enabled, or material
    /// over the budget (which is never met by cutting the material).
    public func turnRequest(_ question: String, attachments: [Attachment], history: [ConversationTurn]) throws -> (CouncilRequest, Tier, String?) {
        let (tier, note) = resolveTier(for: question)
        var request = self.request(question: question, history: history, tier: tier)
        request.attachments = attachments
        guard !request.models.isEmpty else {
            throw CLIError.message("no model of tier \(tier.rawValue) is enabled — /enable a model or pick another /tier")
        }
        if let refusal = AttachmentBudget.refusal(request) { throw refusal }
        return (request, tier, note)
    }
}
