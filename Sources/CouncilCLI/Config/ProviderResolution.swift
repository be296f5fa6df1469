import CouncilCore

/// Turns the configured providers into a routing table: one client per provider, each
/// model routed to its provider's client. A model whose provider needs a key that is not set is left
/// out here, at start-up, with the reason, rather than failing at its first request.
public struct ProviderResolution: Sendable {
    public typealias ClientFactory = @Sendable (ProviderEndpoint) -> any ChatProvider

    public var routes: [ModelID: any ChatProvider]
    /// Models the tiers or the chairman name that cannot be called.
    public var excluded: [ExcludedModel]

    public init(routes: [ModelID: any ChatProvider], excluded: [ExcludedModel]) {
        self.routes = routes
        self.excluded = excluded
    }

    public init(config: CouncilConfig,
                makeClient: ClientFactory = { OpenAICompatibleClient(endpoint: $0) }) {
        var endpoints: [String: ProviderEndpoint] = [:]
        var clients: [String: any ChatProvider] = [:]
        var unusable: [String: String] = [:]
        for provider in config.providers.values {
            if let reason = Self.unusable(provider) {
                unusable[provider.name] = reason
                continue
            }
            endpoints[provider.name] = Self.endpoint(provider)
        }
        var routes: [ModelID: any ChatProvider] = [:]
        for model in config.models.values {
            guard let endpoint = endpoints[model.provider] else { continue }
            if clients[model.provider] == nil { clients[model.provider] = makeClient(endpoint) }
            routes[model.id] = clients[model.provider]
        }
        self.routes = routes
        self.excluded = config.referencedModels.compactMap { id in
            guard routes[id] == nil else { return nil }
            let provider = config.models[id]?.provider ?? "?"
            return ExcludedModel(model: id, reason: unusable[provider] ?? "provider '\(provider)' is not configured")
        }
    }

    public func isRoutable(_ model: ModelID) -> Bool { routes[model] != nil }

    /// Where and how a provider is called.
    static func endpoint(_ provider: ProviderConfig) -> ProviderEndpoint {
        ProviderEndpoint(name: provider.name, baseURL: provider.baseURL, apiKey: provider.apiKey?.reveal(),
                         headers: provider.headers, keyVariable: provider.apiKeyEnv, bodyFields: provider.extraBody,
                         cacheMarks: provider.cache ?? .off)
    }

    /// Why a provider cannot be called, if it cannot.
    static func unusable(_ provider: ProviderConfig) -> String? {
        guard provider.needsKey, provider.apiKey == nil else { return nil }
        return "provider '\(provider.name)' has no API key: set \(provider.apiKeyEnv ?? "its key")"
    }

    /// Why `model` cannot be called: its provider's missing key, or no such provider.
    static func reason(_ model: ModelID, config: CouncilConfig) -> String {
        guard let name = config.models[model]?.provider else { return "no provider can reach it" }
        guard let provider = config.providers[name] else { return "provider '\(name)' is not configured" }
        return unusable(provider) ?? "no provider can reach it"
    }
}
