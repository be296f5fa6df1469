import CouncilCore
import CouncilDemo

/// What the executable runs with: the configuration and a provider for every model it may call —
/// real providers, or the demo council when `--demo` is given or there is neither a configuration file
/// nor a key.
public struct CouncilSetup: Sendable {
    public enum DemoReason: Sendable, Equatable, CustomStringConvertible {
        case requested
        /// No configuration file, and every built-in model lacks its provider's key.
        case noUsableKey(missingVariables: [String])

        public var description: String {
            switch self {
            case .requested:
                "demo council (--demo): simulated models, no network"
            case .noUsableKey(let variables):
                "demo council: no API key found"
                    + (variables.isEmpty ? "" : " (set \(variables.joined(separator: " or ")))")
                    + "; the answers are simulated"
            }
        }
    }

    public var config: CouncilConfig
    public var routes: [ModelID: any ChatProvider]
    /// Models left out at start-up, with the reason: report them before the first turn.
    public var excluded: [ExcludedModel]
    /// Set when the demo council is used, and why.
    public var demo: DemoReason?
    /// Adjustments worth telling the user, e.g. a chairman replaced because its key is missing.
    public var notes: [String]

    init(config: CouncilConfig, routes: [ModelID: any ChatProvider], excluded: [ExcludedModel], demo: DemoReason?,
         notes: [String]) {
        self.config = config
        self.routes = routes
        self.excluded = excluded
        self.demo = demo
        self.notes = notes
    }

    public static func assemble(
        _ loaded: LoadedConfig,
        demoTimeScale: Double = DemoCouncil.defaultTimeScale,
        demoSeed: UInt64 = 2024,
        makeClient: ProviderResolution.ClientFactory = { OpenAICompatibleClient(endpoint: $0) }
    ) -> CouncilSetup {
        let resolution = ProviderResolution(config: loaded.config, makeClient: makeClient)
        let usable = loaded.config.referencedModels.filter(resolution.isRoutable)
        // The demo answers only when asked for, or when there is nothing at all to go on: no
        // configuration file and no key. With a configuration, a missing key is an error
        // (`unusable`), never simulated answers passed off as the configured models'.
        if loaded.demoRequested || (usable.isEmpty && loaded.file == nil) {
            let reason: DemoReason = loaded.demoRequested
                ? .requested
                : .noUsableKey(missingVariables: missingVariables(loaded.config))
            let provider = DemoProvider(timeScale: demoTimeScale, seed: demoSeed)
            let routes = Dictionary(uniqueKeysWithValues: DemoCouncil.models.map { ($0.id, provider as any ChatProvider) })
            return CouncilSetup(config: DemoConfig.config(basedOn: loaded.config, timeScale: demoTimeScale),
                                routes: routes, excluded: [], demo: reason, notes: [])
        }
        var config = loaded.config
        var notes: [String] = []
        // A chairman without a key would fail every turn at its last stage: hand the chair to a
        // model of the default tier that can be called.
        if !resolution.isRoutable(config.chairman),
           let standIn = config.tier(config.baseTier).models.first(where: resolution.isRoutable) {
            notes.append("chairman \(config.chairman) is left out; \(standIn) chairs instead")
            config.chairman = standIn
        }
        var setup = CouncilSetup(config: config, routes: resolution.routes, excluded: resolution.excluded,
                                 demo: nil, notes: notes)
        if usable.isEmpty {
            let variables = missingVariables(loaded.config)
            setup.unusable = "no model of the configuration in \(loaded.file ?? "the defaults") can be called: "
                + (variables.isEmpty ? Set(resolution.excluded.map(\.reason)).sorted().joined(separator: "; ")
                                     : "set \(variables.joined(separator: " or "))")
                + " (or run the simulated demo council with --demo)"
        }
        return setup
    }

    /// Why no configured model can be called, when none can and the demo was not asked for: a turn
    /// would only fail, so asking is refused up front (exit 1) with what to set.
    public var unusable: String?

    public var isDemo: Bool { demo != nil }

    private static func missingVariables(_ config: CouncilConfig) -> [String] {
        let providers = Set(config.referencedModels.compactMap { config.models[$0]?.provider })
        return providers.sorted().compactMap { config.providers[$0]?.apiKeyEnv }
    }
}
