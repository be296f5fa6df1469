import CouncilCore

/// The configuration with no file, no variables and no flags: the seed's tier pools on OpenRouter,
/// its budgets (30/90/180/600 s), its breaker and `min_responses` 3.
public enum BuiltInConfig {
    public static let openRouter = ProviderConfig(
        name: "openrouter", baseURL: "https://openrouter.ai/api/v1", apiKeyEnv: "OPENROUTER_API_KEY",
        // OpenRouter's app attribution: HTTP-Referer identifies the app, X-Title names it (a localhost
        // referer is tracked when a title is present).
        headers: ["HTTP-Referer": "http://localhost/council", "X-Title": "council"])
    public static let openAI = ProviderConfig(name: "openai", baseURL: "https://api.openai.com/v1", apiKeyEnv: "OPENAI_API_KEY")
    public static let ollama = ProviderConfig(name: "ollama", baseURL: "http://localhost:11434/v1")

    /// The seed's models with its input prices (US dollars per million tokens); it gives no output prices.
    public static let models: [ModelConfig] = [
        model("openai/gpt-4o-mini", "GPT-4o mini", input: 0.15),
        model("anthropic/claude-3-5-haiku", "Claude 3.5 Haiku", input: 0.80),
        model("google/gemini-2.0-flash", "Gemini 2.0 Flash", input: 0.10),
        model("openai/gpt-4o", "GPT-4o", input: 2.50),
        model("anthropic/claude-3-5-sonnet", "Claude 3.5 Sonnet", input: 3.00),
        model("google/gemini-1.5-pro", "Gemini 1.5 Pro", input: 1.25),
        model("anthropic/claude-opus-4.5", "Claude Opus 4.5", input: 15),
        model("google/gemini-3-pro", "Gemini 3 Pro", input: 1.25),
        model("x-ai/grok-4", "Grok 4", input: 3.00),
        model("openai/o1", "o1", input: 15),
        model("deepseek/deepseek-r1", "DeepSeek R1", input: 0.55),
    ]

    public static let tiers: [Tier: TierConfig] = [
        .quick: TierConfig(models: ["openai/gpt-4o-mini", "anthropic/claude-3-5-haiku", "google/gemini-2.0-flash"],
                           perModelTimeout: .seconds(20), budget: .seconds(30)),
        .balanced: TierConfig(models: ["openai/gpt-4o", "anthropic/claude-3-5-sonnet", "google/gemini-1.5-pro"],
                              perModelTimeout: .seconds(30), budget: .seconds(90)),
        .high: TierConfig(models: ["openai/gpt-4o", "anthropic/claude-opus-4.5", "google/gemini-3-pro", "x-ai/grok-4"],
                          perModelTimeout: .seconds(60), budget: .seconds(180)),
        .reasoning: TierConfig(models: ["openai/o1", "anthropic/claude-opus-4.5", "deepseek/deepseek-r1"],
                               perModelTimeout: .seconds(300), budget: .seconds(600)),
    ]

    public static let defaultTier = Tier.balanced
    public static let chairman: ModelID = "openai/gpt-4o"
    public static let minResponses = 3
    public static let contextBudgetTokens = 16_000

    /// The defaults; only the data and history paths depend on the environment (XDG, HOME).
    public static func config(paths: StandardPaths) -> CouncilConfig {
        var sources: [String: ConfigSource] = [:]
        let data = paths.dataDirectory, history = paths.historyFile
        sources[ConfigKey.dataDirectory] = data.source
        sources[ConfigKey.historyFile] = history.source
        return CouncilConfig(
            providers: Dictionary(uniqueKeysWithValues: [openRouter, openAI, ollama].map { ($0.name, $0) }),
            models: Dictionary(uniqueKeysWithValues: models.map { ($0.id, $0) }),
            tiers: tiers, defaultTier: defaultTier, chairman: chairman, minResponses: minResponses,
            breaker: .default, mode: .full, contextBudgetTokens: contextBudgetTokens,
            dataDirectory: data.path, historyFile: history.path, sources: sources)
    }

    private static func model(_ id: ModelID, _ name: String, input: Double) -> ModelConfig {
        ModelConfig(id: id, provider: openRouter.name, displayName: name, price: ModelPrice(inputPerMillion: input))
    }
}
