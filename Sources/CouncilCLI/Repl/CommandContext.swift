import CouncilCore
import Foundation

/// What the command handler may read but never change: the configuration and which models exist
/// and can be called. Built once per run from the runtime (or by a test from a configuration).
public struct CommandContext: Sendable {
    public var config: CouncilConfig
    /// Every model id the user may name.
    public var knownModels: [ModelID]
    /// Why a known model cannot be called (no key, no provider); a callable model is absent.
    public var unreachable: [ModelID: String]
    /// The terminal's width, for text the handler lays out itself (`/help`).
    public var width: Int

    public init(config: CouncilConfig, knownModels: [ModelID], unreachable: [ModelID: String] = [:], width: Int = 80) {
        self.config = config
        self.knownModels = knownModels
        self.unreachable = unreachable
        self.width = width
    }

    init(runtime: CouncilRuntime) {
        let known = runtime.knownModels
        var unreachable: [ModelID: String] = [:]
        for model in known where runtime.setup.routes[model] == nil {
            unreachable[model] = runtime.setup.excluded.first { $0.model == model }?.reason
                ?? ProviderResolution.reason(model, config: runtime.config)
        }
        self.init(config: runtime.config, knownModels: known, unreachable: unreachable,
                  width: runtime.terminal.stdoutIsTerminal ? TerminalInfo.width(of: STDOUT_FILENO) : .max)
    }
}
