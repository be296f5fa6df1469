import CouncilCore
import Foundation

/// `council breakers list|reset [ID]`: what `/breakers` shows and does, for scripts. The board is the
/// stored one, so a reset here holds for the next `council ask`.
public struct BreakersCommand {
    public let runtime: CouncilRuntime

    public init(runtime: CouncilRuntime) { self.runtime = runtime }

    /// Every known model's breaker and its live window, on stdout.
    public func list() async -> Int32 {
        Console().print(Table.render(await BreakerTable.rows(runtime)))
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
        await runtime.breakers.reset(model)
        let board = await runtime.breakers.snapshot()
        do {
            // Saved as reset, not merged with the open state on disk.
            try await runtime.store.saveBreakers(board, reset: model.map { [$0] } ?? Set(board.keys))
        } catch {
            FileHandle.standardError.write(Data("error: could not save the breakers: \(error)\n".utf8))
            return 1
        }
        FileHandle.standardError.write(Data((model.map { "breaker reset: \($0)" } ?? "all breakers reset").appending("\n").utf8))
        return 0
    }
}

/// The rows `/breakers` and `council breakers list` print: model, state, the live window.
enum BreakerTable {
    /// `skipping`: models the council cannot call, summed up in one line by the caller instead.
    static func rows(_ runtime: CouncilRuntime, skipping: [ModelID: String] = [:]) async -> [[String]] {
        var rows = [["model", "breaker", "failed in the last \(DurationText.minutes(runtime.config.breaker.window))"]]
        let models = Set(runtime.knownModels).union(await runtime.breakers.snapshot().keys).sorted().filter { skipping[$0] == nil }
        for model in models {
            // Pruned on read: the window as it is now, also for a breaker that just opened.
            rows.append([model.rawValue, BreakerText.describe(await runtime.breakers.status(model)),
                         BreakerText.window(await runtime.breakers.window(model))])
        }
        return rows
    }
}
