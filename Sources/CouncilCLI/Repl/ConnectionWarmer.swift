import CouncilCore
import Foundation

/// While the user types, keeps a connection open to every provider the next turn would call (the
/// tier's council and the chairman), re-warming before the pool's 60 s idle timeout closes it.
struct ConnectionWarmer: Sendable {
    let config: CouncilConfig
    let isDemo: Bool
    /// Below the HTTP client's 60 s idle timeout.
    var interval: Duration = .seconds(45)

    /// The endpoints of the providers `models` are served by, each once; none for the demo council.
    func endpoints(for models: [ModelID]) -> [ProviderEndpoint] {
        guard !isDemo else { return [] }
        let names = Set(models.compactMap { config.models[$0]?.provider })
        return names.sorted().compactMap { name in
            guard let provider = config.providers[name], ProviderResolution.unusable(provider) == nil else { return nil }
            return ProviderResolution.endpoint(provider)
        }
    }

    /// Warms now and every `interval` until cancelled (the line has arrived).
    func keepWarm(_ models: [ModelID]) -> Task<Void, Never> {
        let endpoints = endpoints(for: models), interval = interval
        return Task {
            while !Task.isCancelled, !endpoints.isEmpty {
                await withTaskGroup(of: Void.self) { group in
                    for endpoint in endpoints { group.addTask { await ConnectionWarmup.warm(endpoint) } }
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
