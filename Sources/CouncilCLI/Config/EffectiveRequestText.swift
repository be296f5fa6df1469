import CouncilCore

/// What `council config` says each model is sent: its system prompt and its request options once
/// the top level, the tier and the model are merged (on the default tier; `--tier` shows another).
enum EffectiveRequestText {
    static func lines(_ config: CouncilConfig) -> [String] {
        let tier = config.baseTier
        let planner = CallPlanner(config: config, tier: tier)
        var lines = ["# effective request per model on tier \(tier.rawValue) (model over tier over top level):"]
        for model in config.tier(tier).models {
            let prompt = SystemPromptText.show(planner.systemPrompt(for: model) ?? "")
            lines.append("#   \(model): system_prompt \(prompt); \(describe(planner.request(for: model)))")
        }
        return lines
    }

    /// `temperature 0.2, max_tokens 500, extra_body {"seed":42}`, or the provider's defaults.
    static func describe(_ options: RequestOptions) -> String {
        var parts: [String] = []
        if let value = options.temperature { parts.append("temperature \(ConfigRenderer.number(value))") }
        if let value = options.topP { parts.append("top_p \(ConfigRenderer.number(value))") }
        if let value = options.maxTokens { parts.append("max_tokens \(value)") }
        if let value = options.reasoningEffort { parts.append("reasoning_effort \(value)") }
        if !options.extraBody.isEmpty { parts.append("extra_body \(JSONValue.object(options.extraBody).compactText)") }
        return parts.isEmpty ? "provider defaults" : parts.joined(separator: ", ")
    }
}
