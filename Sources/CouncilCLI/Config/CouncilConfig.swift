import CouncilCore

/// The effective configuration: built-in defaults, then a file, the environment and flags, validated.
/// Every value's origin is in `sources`, keyed by its dotted key path (see `ConfigKey`).
public struct CouncilConfig: Sendable, Equatable {
    public var providers: [String: ProviderConfig]
    public var models: [ModelID: ModelConfig]
    public var tiers: [Tier: TierConfig]
    public var defaultTier: Tier
    public var chairman: ModelID
    public var minResponses: Int
    public var breaker: BreakerPolicy
    public var mode: CouncilMode
    /// How many tokens of earlier conversation a turn may carry.
    public var contextBudgetTokens: Int
    /// Where the sessions database lives.
    public var dataDirectory: String
    /// The line editor's input history.
    public var historyFile: String
    public var sources: [String: ConfigSource]

    public init(providers: [String: ProviderConfig], models: [ModelID: ModelConfig], tiers: [Tier: TierConfig],
                defaultTier: Tier, chairman: ModelID, minResponses: Int, breaker: BreakerPolicy,
                mode: CouncilMode, contextBudgetTokens: Int, dataDirectory: String, historyFile: String,
                sources: [String: ConfigSource] = [:]) {
        self.providers = providers
        self.models = models
        self.tiers = tiers
        self.defaultTier = defaultTier
        self.chairman = chairman
        self.minResponses = minResponses
        self.breaker = breaker
        self.mode = mode
        self.contextBudgetTokens = contextBudgetTokens
        self.dataDirectory = dataDirectory
        self.historyFile = historyFile
        self.sources = sources
    }

    /// Where the value at `key` came from; values nobody set are defaults.
    public func source(of key: String) -> ConfigSource { sources[key] ?? .builtInDefault }

    /// The tier's configuration; every tier exists (the defaults define all four).
    public func tier(_ name: Tier) -> TierConfig {
        tiers[name] ?? TierConfig(models: [], perModelTimeout: .seconds(30), budget: .seconds(90))
    }

    /// Every model a turn may call: the tiers' models and the chairman.
    public var referencedModels: [ModelID] {
        var seen = Set<ModelID>()
        var result: [ModelID] = []
        for name in Tier.allCases {
            for model in tier(name).models where seen.insert(model).inserted { result.append(model) }
        }
        if seen.insert(chairman).inserted { result.append(chairman) }
        return result
    }
}
