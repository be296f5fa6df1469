import CouncilCore
import CouncilStore

/// The breakers this process holds, kept in step with what other processes save in the store:
/// what `/breakers`, `/models`, a turn and `council breakers` read and write.
struct SharedBreakers: Sendable {
    let board: BreakerBoard
    let store: CouncilStore
    /// The demo's breakers live for one run: never saved, never mixed with real models' state.
    let isDemo: Bool
    /// Every model id the user may name.
    let knownModels: [ModelID]
    let window: Duration

    /// Saves the breakers, merged with what other processes saved (a reset one is saved as reset: `reset`).
    func save() async {
        guard !isDemo else { return }
        try? await store.saveBreakers(await board.snapshot())
    }

    /// What other processes on this database learned about the models counts too.
    func adopt(_ saved: [ModelID: CircuitBreaker]?) async {
        guard !isDemo, let saved else { return }
        await board.adopt(saved)
    }

    /// Every saved breaker, for `/models` and `/breakers`: a turn reads only its own models' breakers,
    /// these show what any process saved since.
    func refresh() async {
        await adopt(try? await store.loadBreakers())
    }

    /// Closes one breaker, or all of them, and saves them as reset (not merged with an older opening).
    func reset(_ model: ModelID?) async throws {
        await board.reset(model)
        guard !isDemo else { return }
        let snapshot = await board.snapshot()
        try await store.saveBreakers(snapshot, reset: model.map { [$0] } ?? Set(snapshot.keys))
    }

    /// The rows `/breakers` and `council breakers list` print: model, state, the live window.
    /// `skipping`: models the council cannot call, summed up in one line by the caller instead.
    func rows(skipping: [ModelID: String] = [:]) async -> [[String]] {
        var rows = [["model", "breaker", "failed in the last \(DurationText.minutes(window))"]]
        let models = Set(knownModels).union(await board.snapshot().keys).sorted().filter { skipping[$0] == nil }
        for model in models {
            // Pruned on read: the window as it is now, also for a breaker that just opened.
            rows.append([model.rawValue, BreakerText.describe(await board.status(model)),
                         BreakerText.window(await board.window(model))])
        }
        return rows
    }
}
