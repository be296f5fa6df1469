import CouncilCore

/// What the command handler may read but never change: the configuration and which models exist
/// and can be called. Built once per run from the runtime (or by a test from a configuration).
public struct CommandContext: Sendable {
    public var config: CouncilConfig
    /// Every model id the user may name.
    public var knownModels: [ModelID]
    /// Why a known model cannot be called (no key, no provider); a callable model is absent.
    public var unreachable: [ModelID: String]

    public init(config: CouncilConfig, knownModels: [ModelID], unreachable: [ModelID: String] = [:]) {
        self.config = config
        self.knownModels = knownModels
        self.unreachable = unreachable
    }

    init(runtime: CouncilRuntime) {
        let known = runtime.knownModels
        var unreachable: [ModelID: String] = [:]
        for model in known where runtime.setup.routes[model] == nil {
            unreachable[model] = runtime.setup.excluded.first { $0.model == model }?.reason
                ?? ProviderResolution.reason(model, config: runtime.config)
        }
        self.init(config: runtime.config, knownModels: known, unreachable: unreachable)
    }
}
