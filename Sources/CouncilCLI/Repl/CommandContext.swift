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

extension CommandContext {
    /// Why these ids cannot be used, if one is unknown (with the nearest suggestion) or, when it is
    /// to be called, cannot be reached.
    func problem(with ids: [ModelID], toCall: Bool) -> String? {
        if let unknown = ids.first(where: { !knownModels.contains($0) }) {
            return "unknown model '\(unknown)'\(WordSuggestion.hint(unknown.rawValue, in: knownModels.map(\.rawValue))) (/models lists them)"
        }
        if toCall, let unreachable = ids.first(where: { self.unreachable[$0] != nil }) {
            return "\(unreachable) cannot be called: \(self.unreachable[unreachable]!)"
        }
        return nil
    }

    /// `a, b (no key: set X); c (provider 'p' is not configured)`: models grouped by reason.
    func reasons(_ models: [ModelID]) -> String {
        Dictionary(grouping: models) { unreachable[$0] ?? "" }
            .sorted { $0.key < $1.key }
            .map { reason, models in "\(Self.list(models)) (\(reason))" }
            .joined(separator: "; ")
    }

    static func list(_ models: [ModelID]) -> String { models.map(\.rawValue).joined(separator: ", ") }
}
