import CouncilCore
import Foundation

/// `council models [--discover]`: the configured models (name, provider, tiers, whether they can be
/// called, and its own `timeout:` and `hedge_after:`, "–" for the tier's); with `--discover`, what each usable provider serves that the configuration does not name.
public struct ModelsCommand {
    public let config: CouncilConfig
    let console: Console

    public init(config: CouncilConfig) {
        self.config = config
        console = Console()
    }

    public func run(discover: Bool) async -> Int32 {
        var rows = [["model", "name", "provider", "tiers", "timeout", "hedge", "callable"]]
        for model in config.models.values.sorted(by: { $0.id < $1.id }) {
            let tiers = Tier.allCases.filter { config.tier($0).models.contains(model.id) }.map(\.rawValue)
            let reason = config.providers[model.provider].flatMap(ProviderResolution.unusable)
                ?? (config.providers[model.provider] == nil ? "provider '\(model.provider)' is not configured" : nil)
            rows.append([model.id.rawValue, model.displayName ?? "", model.provider, tiers.joined(separator: ","),
                         model.timeout?.description ?? "–", model.hedgeAfter?.description ?? "–",
                         reason.map { "no: \($0)" } ?? "yes"])
        }
        console.print(Table.render(rows))
        guard discover else { return 0 }
        var answered = 0, failed = 0
        for provider in config.providers.values.sorted(by: { $0.name < $1.name }) {
            if let reason = ProviderResolution.unusable(provider) {
                console.status("\(provider.name): skipped (\(reason))")
                continue
            }
            do {
                let served = try await ModelListing.fetch(ProviderResolution.endpoint(provider))
                let new = served.filter { config.models[ModelID($0)] == nil }
                answered += 1
                // Ids come from the network: shown through the terminal filter.
                console.printUntrusted("\(provider.name): \(served.count) served, \(new.count) not configured"
                              + (new.isEmpty ? "" : "\n" + new.map { "  \($0)" }.joined(separator: "\n")))
            } catch {
                failed += 1
                console.status("\(provider.name): could not list models: \(error)")
            }
        }
        // A local server that is not running is worth a line, not a failure, while another answered.
        return failed > 0 && answered == 0 ? 1 : 0
    }
}
