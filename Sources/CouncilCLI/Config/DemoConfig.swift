import CouncilCore
import CouncilDemo

/// The demo council as a configuration: its four simulated models in every tier, chairman
/// `demo/steady`, `min_responses` 3, and timeouts that let the stalling model time out.
public enum DemoConfig {
    public static let providerName = "demo"

    /// Keeps what is about the user rather than the models (default tier, mode, breaker, context
    /// budget, paths) from `base`; everything about models comes from the demo.
    public static func config(basedOn base: CouncilConfig, timeScale: Double = DemoCouncil.defaultTimeScale) -> CouncilConfig {
        var config = base
        config.sources = base.sources.filter { key, _ in
            !(key.hasPrefix("providers.") || key.hasPrefix("models.") || key.hasPrefix("tiers.")
              || key == SettingDeclarations.chairman.key || key == SettingDeclarations.minResponses.key)
        }
        config.providers = [providerName: ProviderConfig(name: providerName, baseURL: "in-process (no network)")]
        for field in ["base_url", "api_key_env", "api_key"] { config.sources[ConfigKey.provider(providerName, field)] = .demo }
        config.models = [:]
        for model in DemoCouncil.models {
            config.models[model.id] = ModelConfig(id: model.id, provider: providerName,
                                                  displayName: "\(model.id.rawValue) (simulated)",
                                                  price: ModelPrice(inputPerMillion: 0, outputPerMillion: 0))
            for field in ["provider", "name", "price.input", "price.output"] {
                config.sources[ConfigKey.model(model.id, field)] = .demo
            }
        }
        let tier = TierConfig(models: DemoCouncil.models.map(\.id),
                              perModelTimeout: DemoCouncil.perModelTimeout(timeScale: timeScale),
                              budget: DemoCouncil.budget(timeScale: timeScale))
        for name in Tier.allCases {
            config.tiers[name] = tier
            for field in ["models", "timeout", "budget"] { config.sources[ConfigKey.tier(name, field)] = .demo }
        }
        config.chairman = DemoCouncil.chairman
        config.minResponses = DemoCouncil.minResponses
        config.sources[SettingDeclarations.chairman.key] = .demo
        config.sources[SettingDeclarations.minResponses.key] = .demo
        return config
    }
}
