import CouncilCore
/// Applies one environment variable or flag on top of the file's values.
struct OverrideApplier {
    let paths: StandardPaths
    let currentDirectory: String

    func apply(_ override: ConfigOverride, text: String, source: ConfigSource, to config: inout CouncilConfig) throws {
        switch override {
        case .tier:
            config.defaultTier = try ValueParser.tier.value(text, key: ConfigKey.defaultTier, at: source)
            config.sources[ConfigKey.defaultTier] = source
        case .minResponses:
            config.minResponses = try ValueParser.positiveInteger.value(text, key: ConfigKey.minResponses, at: source)
            config.sources[ConfigKey.minResponses] = source
        case .chairman:
            config.chairman = try ValueParser.modelID.value(text, key: ConfigKey.chairman, at: source)
            config.sources[ConfigKey.chairman] = source
        case .mode:
            config.mode = try ValueParser.mode.value(text, key: ConfigKey.mode, at: source)
            config.sources[ConfigKey.mode] = source
        case .timeout:
            let timeout = try ValueParser.seconds.value(text, key: "timeout", at: source)
            for name in Tier.allCases {
                var tier = config.tier(name)
                tier.perModelTimeout = timeout
                config.tiers[name] = tier
                config.sources[ConfigKey.tier(name, "timeout")] = source
            }
        case .budget:
            let budget = try ValueParser.seconds.value(text, key: "budget", at: source)
            for name in Tier.allCases {
                var tier = config.tier(name)
                tier.budget = budget
                config.tiers[name] = tier
                config.sources[ConfigKey.tier(name, "budget")] = source
            }
        case .contextBudget:
            config.contextBudgetTokens = try ValueParser.positiveInteger.value(text, key: ConfigKey.contextBudget, at: source)
            config.sources[ConfigKey.contextBudget] = source
        case .dataDirectory:
            let path = try ValueParser.text.value(text, key: ConfigKey.dataDirectory, at: source)
            config.dataDirectory = paths.resolve(path, relativeTo: currentDirectory)
            config.sources[ConfigKey.dataDirectory] = source
        case .historyFile:
            let path = try ValueParser.text.value(text, key: ConfigKey.historyFile, at: source)
            config.historyFile = paths.resolve(path, relativeTo: currentDirectory)
            config.sources[ConfigKey.historyFile] = source
        }
    }
}
