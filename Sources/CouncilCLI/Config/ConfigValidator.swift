import CouncilCore

/// Checks that the merged configuration hangs together, before any request is sent. Each error points
/// at the value that breaks it: its file line, variable or flag.
struct ConfigValidator {
    let config: CouncilConfig

    func validate() throws {
        try checkModelProviders()
        try checkTiers()
        try checkChairman()
        try checkMinResponses()
    }

    private func checkModelProviders() throws {
        for model in config.models.values.sorted(by: { $0.id < $1.id }) where config.providers[model.provider] == nil {
            throw ConfigError(.unknownProvider, at: config.source(of: ConfigKey.model(model.id, "provider")),
                              "model '\(model.id)' names unknown provider '\(model.provider)'",
                              suggestion: WordSuggestion.nearest(model.provider, in: config.providers.keys.sorted()))
        }
    }

    private func checkTiers() throws {
        for name in Tier.allCases {
            let tier = config.tier(name)
            guard !tier.models.isEmpty else {
                throw ConfigError(.emptyTier, at: config.source(of: ConfigKey.tier(name, "models")),
                                  "tier '\(name.rawValue)' has no models; list at least one under tiers.\(name.rawValue).models")
            }
            var seen = Set<ModelID>()
            for (index, model) in tier.models.enumerated() {
                let source = itemSource(name, index)
                guard config.models[model] != nil else {
                    throw ConfigError(.unknownModel, at: source,
                                      "tier '\(name.rawValue)' lists unknown model '\(model)'; define it under 'models'",
                                      suggestion: nearestModel(to: model))
                }
                guard seen.insert(model).inserted else {
                    throw ConfigError(.invalidValue, at: source, "tier '\(name.rawValue)' lists model '\(model)' twice")
                }
            }
        }
    }

    private func checkChairman() throws {
        guard config.models[config.chairman] == nil else { return }
        throw ConfigError(.unknownModel, at: config.source(of: SettingDeclarations.chairman.key),
                          "chairman '\(config.chairman)' is not a configured model; define it under 'models'",
                          suggestion: nearestModel(to: config.chairman))
    }

    /// The engine clamps `min_responses` to a smaller tier chosen later; the default tier must fit it.
    private func checkMinResponses() throws {
        let tierKey = SettingDeclarations.defaultTier.key, minKey = SettingDeclarations.minResponses.key
        // A tier picked for this run (--tier, COUNCIL_TIER) is like `/tier`: the engine waits for all.
        // So is `auto`, which picks a tier per question.
        switch config.source(of: tierKey) {
        case .flag, .environment: return
        default: break
        }
        guard let defaultTier = config.defaultTier.tier else { return }
        let tier = config.tier(defaultTier)
        guard config.minResponses > tier.models.count else { return }
        // Blame what the user wrote: min_responses if they set it, else the tier's model list.
        let source = config.sources[minKey]
            ?? config.sources[ConfigKey.tier(defaultTier, "models")]
            ?? config.source(of: tierKey)
        throw ConfigError(.minResponsesTooLarge, at: source,
                          "min_responses is \(config.minResponses) but the default tier '\(defaultTier.rawValue)' "
                          + "has only \(tier.models.count) model\(tier.models.count == 1 ? "" : "s")")
    }

    private func itemSource(_ tier: Tier, _ index: Int) -> ConfigSource {
        config.sources[ConfigKey.tierModel(tier, index)] ?? config.source(of: ConfigKey.tier(tier, "models"))
    }

    private func nearestModel(to model: ModelID) -> String? {
        WordSuggestion.nearest(model.rawValue, in: config.models.keys.map(\.rawValue).sorted())
    }
}
