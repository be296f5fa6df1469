import CouncilCore

/// The configuration with no file, no variables and no flags: the seed's providers, models and tier
/// pools on OpenRouter. The scalar settings' defaults are in `SettingDeclarations`.
public enum BuiltInConfig {
    public static let openRouter = ProviderConfig(
        name: "openrouter", baseURL: "https://openrouter.ai/api/v1", apiKeyEnv: "OPENROUTER_API_KEY",
        // OpenRouter's app attribution: HTTP-Referer identifies the app, X-Title names it (a localhost
        // referer is tracked when a title is present).
        headers: ["HTTP-Referer": "http://localhost/council", "X-Title": "council"],
        // OpenRouter reports each call's cost in `usage.cost` only when asked.
        extraBody: ["usage": .object(["include": .bool(true)])])
    public static let openAI = ProviderConfig(name: "openai", baseURL: "https://api.openai.com/v1", apiKeyEnv: "OPENAI_API_KEY")
    public static let ollama = ProviderConfig(name: "ollama", baseURL: "http://localhost:11434/v1")

    /// The seed's models with its input prices (US dollars per million tokens); it gives no output prices.
    /// `vision`: the model takes images (as OpenRouter lists its input modalities).
    public static let models: [ModelConfig] = [
        model("openai/gpt-4o-mini", "GPT-4o mini", input: 0.15, vision: true),
        model("anthropic/claude-3-5-haiku", "Claude 3.5 Haiku", input: 0.80),
        model("google/gemini-2.0-flash", "Gemini 2.0 Flash", input: 0.10, vision: true),
        model("openai/gpt-4o", "GPT-4o", input: 2.50, vision: true),
        model("anthropic/claude-3-5-sonnet", "Claude 3.5 Sonnet", input: 3.00, vision: true),
        model("google/gemini-1.5-pro", "Gemini 1.5 Pro", input: 1.25, vision: true),
        model("anthropic/claude-opus-4.5", "Claude Opus 4.5", input: 15, vision: true),
        model("google/gemini-3-pro", "Gemini 3 Pro", input: 1.25, vision: true),
        model("x-ai/grok-4", "Grok 4", input: 3.00),
        model("openai/o1", "o1", input: 15),
        model("deepseek/deepseek-r1", "DeepSeek R1", input: 0.55),
    ]

    public static let tierModels: [Tier: [ModelID]] = [
        .quick: ["openai/gpt-4o-mini", "anthropic/claude-3-5-haiku", "google/gemini-2.0-flash"],
        .balanced: ["openai/gpt-4o", "anthropic/claude-3-5-sonnet", "google/gemini-1.5-pro"],
        .high: ["openai/gpt-4o", "anthropic/claude-opus-4.5", "google/gemini-3-pro", "x-ai/grok-4"],
        .reasoning: ["openai/o1", "anthropic/claude-opus-4.5", "deepseek/deepseek-r1"],
    ]

    /// The defaults; only the data and history paths depend on the environment (XDG, HOME).
    public static func config(paths: StandardPaths) -> CouncilConfig {
        var config = CouncilConfig(
            providers: Dictionary(uniqueKeysWithValues: [openRouter, openAI, ollama].map { ($0.name, $0) }),
            models: Dictionary(uniqueKeysWithValues: models.map { ($0.id, $0) }),
            tierModels: tierModels)
        for setting in SettingDeclarations.all {
            for slot in setting.slots { setting.settle(slot, layers: [], into: &config, paths: paths) }
        }
        return config
    }

    private static func model(_ id: ModelID, _ name: String, input: Double, vision: Bool = false) -> ModelConfig {
        var model = ModelConfig(id: id, provider: openRouter.name, displayName: name, price: ModelPrice(inputPerMillion: input))
        model.vision = vision
        return model
    }
}
