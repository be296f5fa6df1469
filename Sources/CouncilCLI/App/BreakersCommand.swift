import CouncilCore
import Foundation

/// `council breakers list|reset [ID]`: what `/breakers` shows and does, for scripts. The board is the
/// stored one, so a reset here holds for the next `council ask`.
public struct BreakersCommand {
    public let runtime: CouncilRuntime

    public init(runtime: CouncilRuntime) { self.runtime = runtime }

    /// Every known model's breaker and its live window, on stdout.
    public func list() async -> Int32 {
        Console().print(Table.render(await runtime.sharedBreakers.rows()))
        return 0
    }

    /// Closes one breaker, or all of them; an unknown model is a usage error (2).
    public func reset(_ id: String?) async -> Int32 {
        let model = id.map { ModelID($0) }
        if let model, !runtime.knownModels.contains(model), await runtime.breakers.snapshot()[model] == nil {
            let hint = WordSuggestion.hint(model.rawValue, in: runtime.knownModels.map(\.rawValue))
            FileHandle.standardError.write(Data("error: unknown model '\(model)'\(hint)\n".utf8))
            return 2
        }
        do {
            // Saved as reset, not merged with the open state on disk.
            try await runtime.sharedBreakers.reset(model)
        } catch {
            FileHandle.standardError.write(Data("error: could not save the breakers: \(error)\n".utf8))
            return 1
        }
        FileHandle.standardError.write(Data((model.map { "breaker reset: \($0)" } ?? "all breakers reset").appending("\n").utf8))
        return 0
    }
}
