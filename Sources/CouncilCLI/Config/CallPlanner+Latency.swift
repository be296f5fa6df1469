import CouncilCore
import CouncilStore

/// Each model's timeout and hedge delay in each stage (see `CallPlanner`).
extension CallPlanner {
    /// Where a value was chosen, as `/models` says it.
    enum Origin: String {
        case model, tier, session, flag, env, top
    }

    /// Every model's timeout in a stage unless its own is shorter: the tier's number (for `auto`, the
    /// number beneath it), which a session's, a flag's or a variable's choice has set.
    var perModelTimeout: Duration { config.tier(tier).perModelTimeout }

    /// The stage's timeout, by the engine's rule (`CouncilRequest.timeout(for:)`): the chairman gets
    /// twice the per-model timeout. A model's own number is doubled the same way.
    func stageTimeout(_ stage: Stage, perModel: Duration? = nil) -> Duration {
        CouncilRequest(question: "", models: [], perModelTimeout: perModel ?? perModelTimeout).timeout(for: stage)
    }

    /// `timeout:` for `model`: a choice made now is every model's, else the model's own, else the tier's.
    func timeoutChoice(for model: ModelID) -> (choice: TimeoutChoice, origin: Origin) {
        if let now = chosenNow(ConfigKey.tier(tier, SettingDeclarations.timeout.key)) { return (config.tier(tier).timeout, now) }
        if let own = config.models[model]?.timeout { return (own, .model) }
        return (config.tier(tier).timeout, .tier)
    }

    /// `hedge_after:` for `model`: the session's, a flag's or variable's is every model's, else the
    /// model's own, else the tier's, else the top level's.
    func hedgeChoice(for model: ModelID) -> (choice: HedgeChoice, origin: Origin) {
        if let now = chosenNow(SettingDeclarations.hedgeAfter.key) { return (config.hedgeAfter, now) }
        if let own = config.models[model]?.hedgeAfter { return (own, .model) }
        if let tierChoice = config.tier(tier).hedgeAfter { return (tierChoice, .tier) }
        return (config.hedgeAfter, .top)
    }

    func timeout(_ stage: Stage, _ model: ModelID) -> LatencyPlanner.Timeout {
        var (choice, origin) = timeoutChoice(for: model)
        if origin == .model, case .seconds(let own) = choice { choice = .seconds(stageTimeout(stage, perModel: own)) }
        let planner = LatencyPlanner(stats: latency)
        return planner.timeout(choice, own: origin == .model, model: model, stage: stage, stageTimeout: stageTimeout(stage))
    }

    func hedge(_ stage: Stage, _ model: ModelID) -> LatencyPlanner.Hedge {
        LatencyPlanner(stats: latency).hedge(hedgeChoice(for: model).choice, model: model, stage: stage)
    }

    /// Whether any of `models` uses `auto`: without, a turn needs no latency figures from the store.
    func needsLatency(_ models: [ModelID]) -> Bool {
        models.contains { timeoutChoice(for: $0).choice == .auto || hedgeChoice(for: $0).choice == .auto }
    }

    /// A session's, flag's or variable's value for `key`, which beats the file's model and tier entries.
    private func chosenNow(_ key: String) -> Origin? {
        switch SettingLayer(config.source(of: key)) {
        case .flag: .flag
        case .environment: .env
        case .session: .session
        default: nil
        }
    }
}
