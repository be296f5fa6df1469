import CouncilCore
import CouncilStore

/// Decides, for one turn on one tier, each model's system prompt and request options in each stage.
///
/// System prompt: a flag, variable or the session's `/system` gives every model the same one (the user
/// asked for it now); otherwise the model's own, else the tier's, else the top level's ("" is none).
/// Request options merge key by key: model over tier over top level, and a stage's over all three.
/// Timeout and hedge delay (`timeout:`, `hedge_after:`): a choice made now (session, flag, variable)
/// is every model's; otherwise the model's own over the tier's (over the top level's, for hedging);
/// `auto` is resolved by `LatencyPlanner` from `latency`.
struct CallPlanner {
    /// The configuration with the session's choices merged in (`SessionState.config`).
    let config: CouncilConfig
    let tier: Tier
    /// Each model's recent latency per stage, for `auto`.
    var latency: LatencyStats = .none

    /// The prompt chosen for this run or session, which beats every one in the file.
    private var chosenNow: String? {
        let layer = SettingLayer(config.source(of: SettingDeclarations.systemPrompt.key))
        return layer >= .session ? config.systemPrompt : nil
    }

    /// The prompt a model without its own gets.
    var sharedSystemPrompt: String? {
        SystemPromptText.prompt(chosenNow ?? config.tier(tier).systemPrompt ?? config.systemPrompt)
    }

    /// The user's system prompt for `model` in stage 1.
    func systemPrompt(for model: ModelID) -> String? {
        if let chosenNow { return SystemPromptText.prompt(chosenNow) }
        return SystemPromptText.prompt(config.models[model]?.systemPrompt ?? config.tier(tier).systemPrompt ?? config.systemPrompt)
    }

    /// The options `model` is called with in stage 1: model over tier over top level.
    /// A model's `cache:` rides with its options, over its provider's.
    func request(for model: ModelID) -> RequestOptions {
        var options = config.request.overridden(by: config.tier(tier).request).overridden(by: config.models[model]?.request ?? .none)
        if let marks = config.models[model]?.cache { options.cacheMarks = marks }
        return options
    }

    func settings(_ stage: Stage, _ model: ModelID) -> CallSettings {
        var settings = promptAndOptions(stage, model)
        settings.timeout = timeout(stage, model).own
        settings.hedgeAfter = hedge(stage, model).delay
        return settings
    }

    private func promptAndOptions(_ stage: Stage, _ model: ModelID) -> CallSettings {
        let own = CallSettings(systemPrompt: systemPrompt(for: model), options: request(for: model))
        let extra = config.stages[stage]
        let options = own.options.overridden(by: extra?.request ?? .none)
        switch stage {
        case .generation, .revision:
            return own
        case .review:
            // The reviewer's brief is the engine's; only the stage's own prompt is added to it.
            return CallSettings(systemPrompt: extra?.systemPrompt, options: options)
        case .synthesis:
            let prompt = [own.systemPrompt, SystemPromptText.prompt(extra?.systemPrompt)].compactMap { $0 }
            return CallSettings(systemPrompt: prompt.isEmpty ? nil : prompt.joined(separator: "\n\n"), options: options)
        }
    }

    /// Every stage's settings for `models`.
    func calls(for models: [ModelID]) -> [Stage: [ModelID: CallSettings]] {
        var calls: [Stage: [ModelID: CallSettings]] = [:]
        for stage in Stage.allCases {
            for model in models { calls[stage, default: [:]][model] = settings(stage, model) }
        }
        return calls
    }
}
