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
    public var timeout: TimeoutChoice?
    /// `/hedge`: every model's hedge delay for this session; nil for the configuration's.
    public var hedgeAfter: HedgeChoice?
    public var mode: CouncilMode
    /// `/system`: every model's system prompt for this session; "" for none, nil for the configuration's.
    public var systemPrompt: String?
    /// The first turn the conversation context reaches back to; `/clear` moves it past the last turn.
    public var contextFromTurn = 1

    /// A setting a flag or variable changed for this run only: saving keeps the session's own value.
    public enum Field: Sendable, Hashable { case tier, mode, chairman, minResponses, timeout, hedgeAfter, systemPrompt }
    private var runOnly: Set<Field> = []
    private var baseline = SessionSettings()

    public init(config: CouncilConfig) {
        self.init(config: config, saved: SessionSettings())
    }

    /// The session's saved choices weighed against the run's configuration, setting by setting, by
    /// `Precedence`: a saved choice beats the file and the defaults; a flag or variable beats the
    /// saved choice for this run only.
    public init(config: CouncilConfig, saved: SessionSettings) {
        tier = config.defaultTier
        mode = config.mode
        baseline = saved
        contextFromTurn = saved.contextFromTurn ?? 1
        disabled = Set(saved.disabledModels ?? [])
        added = saved.enabledModels ?? []
        var kept = SessionSettings()
        for setting in SettingDeclarations.sessionScoped {
            guard let field = setting.sessionField, let winner = setting.sessionWinner(config: config, saved: saved) else { continue }
            if winner == .session { setting.copyChoice(from: saved, to: &kept) }
            if winner > .session { runOnly.insert(field) }
        }
        take(kept, config: config)
    }

    /// Sets the session-chosen fields from `choices`; an empty one takes the run's configured value.
    private mutating func take(_ choices: SessionSettings, config: CouncilConfig) {
        tier = choices.tier ?? config.defaultTier
        mode = choices.mode ?? config.mode
        chairman = choices.chairman
        minResponses = choices.minResponses
        timeout = choices.timeoutChoice
        hedgeAfter = choices.hedgeChoice
        systemPrompt = choices.systemPrompt
    }

    /// The user set this at the prompt: from now on it is the session's own choice.
    public mutating func chose(_ field: Field) { runOnly.remove(field) }

    /// The state as stored settings, before leaving out what this run's flags decided.
    private var choices: SessionSettings {
        var settings = SessionSettings(tier: tier, disabledModels: disabled.sorted(), enabledModels: added,
                                       chairman: chairman, mode: mode, minResponses: minResponses,
                                       contextFromTurn: contextFromTurn)
        settings.timeoutChoice = timeout
        settings.hedgeChoice = hedgeAfter
        settings.systemPrompt = systemPrompt
        return settings
    }

    public var saved: SessionSettings {
        var settings = choices
        // What this run's flags and variables decided stays out: the session keeps its own choice.
        for setting in SettingDeclarations.sessionScoped where setting.sessionField.map(runOnly.contains) == true {
            setting.copyChoice(from: baseline, to: &settings)
        }
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

    /// The turn's request; `latency` (each model's recent figures) resolves `auto` timeouts and hedges.
    public func request(question: String, history: [ConversationTurn], tier: Tier, config: CouncilConfig,
                        latency: LatencyStats = .none) -> CouncilRequest {
        let tierConfig = config.tier(tier)
        let planner = self.planner(tier: tier, config: config, latency: latency)
        let council = models(for: tier, config: config), chairman = chairman ?? config.chairman
        var request = CouncilRequest(
            question: question, history: history, systemPrompt: planner.sharedSystemPrompt, models: council,
            chairman: chairman, minResponses: minResponses ?? config.minResponses,
            perModelTimeout: planner.perModelTimeout, budget: tierConfig.budget, mode: mode,
            contextBudgetTokens: config.contextBudgetTokens,
            prices: config.models.compactMapValues(\.price))
        request.calls = planner.calls(for: council + [chairman])
        return request
    }

    /// How this session's calls on `tier` are planned.
    func planner(tier: Tier, config: CouncilConfig, latency: LatencyStats = .none) -> CallPlanner {
        CallPlanner(config: config, tier: tier, sessionSystemPrompt: systemPrompt, sessionTimeout: timeout,
                    sessionHedge: hedgeAfter, latency: latency)
    }
}

extension SessionSettings {
    /// The one place the stored number of seconds becomes a `Duration` and back; a stored value
    /// outside the accepted range reads as unset.
    var timeout: Duration? {
        get { timeoutSeconds.flatMap(TimeoutSeconds.duration) }
        set { timeoutSeconds = newValue?.seconds }
    }

    /// `/hedge` as chosen; a stored text the parser refuses reads as unset.
    var hedgeChoice: HedgeChoice? {
        get { hedgeAfter.flatMap(ValueParser<HedgeChoice>.hedge.parse) }
        set {
            hedgeAfter = switch newValue {
            case .seconds(let duration)?: String(duration.seconds)
            case let choice?: choice.description
            case nil: nil
            }
        }
    }

    /// `/timeout` as chosen: a number, or `auto`; stored as two optional fields so older files read.
    var timeoutChoice: TimeoutChoice? {
        get { timeoutAuto == true ? .auto : timeout.map { .seconds($0) } }
        set {
            timeoutAuto = newValue == .auto ? true : nil
            if case .seconds(let duration) = newValue { timeout = duration } else { timeout = nil }
        }
    }
}
