import CouncilCore
import CouncilStore

/// The REPL's live choices: tier, which models sit on the council, chairman, `min_responses`, timeout,
/// mode. Saved with the session so reopening it restores them.
public struct SessionState: Sendable, Equatable {
    public var tier: TierChoice
    public var disabled: Set<ModelID> = []
    /// Models added to the council beyond the tier's pool.
    public var added: [ModelID] = []
    public var chairman: ModelID?
    public var minResponses: Int?
    public var timeout: Duration?
    public var mode: CouncilMode
    /// The first turn the conversation context reaches back to; `/clear` moves it past the last turn.
    public var contextFromTurn = 1

    /// A setting a flag or variable changed for this run only: saving keeps the session's own value.
    public enum Field: Sendable, Hashable { case tier, mode, chairman, minResponses, timeout }
    private var runOnly: Set<Field> = []
    private var baseline = SessionSettings()

    public init(config: CouncilConfig) {
        tier = .fixed(config.defaultTier)
        mode = config.mode
    }

    public init(config: CouncilConfig, saved: SessionSettings) {
        self.init(config: config)
        baseline = saved
        contextFromTurn = saved.contextFromTurn ?? 1
        if let saved = saved.tier { tier = saved }
        disabled = Set(saved.disabledModels ?? [])
        added = saved.enabledModels ?? []
        chairman = saved.chairman
        mode = saved.mode ?? config.mode
        minResponses = saved.minResponses
        timeout = saved.timeoutSeconds.flatMap(TimeoutSeconds.duration)
    }

    /// What was given for this run (`--tier`, `COUNCIL_MODE`, …) beats what the session saved.
    public mutating func applyRunOverrides(_ config: CouncilConfig) {
        func given(_ key: String) -> Bool {
            switch config.source(of: key) {
            case .flag, .environment: true
            default: false
            }
        }
        if given(ConfigKey.defaultTier) { tier = .fixed(config.defaultTier); runOnly.insert(.tier) }
        if given(ConfigKey.mode) { mode = config.mode; runOnly.insert(.mode) }
        if given(ConfigKey.chairman) { chairman = nil; runOnly.insert(.chairman) }
        if given(ConfigKey.minResponses) { minResponses = nil; runOnly.insert(.minResponses) }
        if Tier.allCases.contains(where: { given(ConfigKey.tier($0, "timeout")) }) { timeout = nil; runOnly.insert(.timeout) }
    }

    /// The user set this at the prompt: from now on it is the session's own choice.
    public mutating func chose(_ field: Field) { runOnly.remove(field) }

    public var saved: SessionSettings {
        var settings = SessionSettings(tier: tier, disabledModels: disabled.sorted(), enabledModels: added,
                                       chairman: chairman, mode: mode, minResponses: minResponses,
                                       timeoutSeconds: timeout.map(\.seconds), contextFromTurn: contextFromTurn)
        if runOnly.contains(.tier) { settings.tier = baseline.tier }
        if runOnly.contains(.mode) { settings.mode = baseline.mode }
        if runOnly.contains(.chairman) { settings.chairman = baseline.chairman }
        if runOnly.contains(.minResponses) { settings.minResponses = baseline.minResponses }
        if runOnly.contains(.timeout) { settings.timeoutSeconds = baseline.timeoutSeconds }
        return settings
    }

    /// Switching tier gives that tier's pool: `/only`, `/enable` and `/disable` choices are dropped.
    public mutating func switchTier(to newTier: TierChoice) -> Bool {
        let hadToggles = !disabled.isEmpty || !added.isEmpty
        tier = newTier
        disabled = []
        added = []
        chose(.tier)
        return hadToggles
    }

    public var tierLabel: String { tier.description }

    /// The council for a tier: its pool plus added models, minus disabled ones, in a stable order.
    public func models(for tier: Tier, config: CouncilConfig) -> [ModelID] {
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

    public func request(question: String, history: [ConversationTurn], tier: Tier, config: CouncilConfig) -> CouncilRequest {
        let tierConfig = config.tier(tier)
        return CouncilRequest(
            question: question, history: history, models: models(for: tier, config: config),
            chairman: chairman ?? config.chairman, minResponses: minResponses ?? config.minResponses,
            perModelTimeout: timeout ?? tierConfig.perModelTimeout, budget: tierConfig.budget, mode: mode,
            contextBudgetTokens: config.contextBudgetTokens,
            prices: config.models.compactMapValues(\.price))
    }
}
