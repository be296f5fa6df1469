import CouncilCore
import CouncilStore
import Foundation

/// Runs one question through the council: opens the turn in the store before any request leaves,
/// shows and records every event, lets Ctrl-C cancel it, and saves the breakers afterwards.
struct TurnRunner {
    let runtime: CouncilRuntime

    struct Outcome {
        var result: TurnResult
        var turn: TurnRecord
        var tier: Tier
    }

    func run(_ question: String, session: Int64, state: SessionState, history: [ConversationTurn],
             replayOf: Int64? = nil, presentation: Presentation = .live) async throws -> Outcome {
        let (tier, note) = state.resolveTier(for: question)
        let request = state.request(question: question, history: history, tier: tier, config: runtime.config)
        guard !request.models.isEmpty else {
            throw CLIError.message("no model of tier \(tier.rawValue) is enabled — /enable a model or pick another /tier")
        }
        let turn = try await runtime.store.beginTurn(session: session, prompt: question, tier: tier.rawValue,
                                                     models: request.models, replayOf: replayOf)
        let recorder = TurnRecorder(store: runtime.store, turnID: turn.id!)
        let presenter = TurnPresenter(terminal: runtime.terminal, mode: request.mode, presentation: presentation,
                                      names: ModelNames(config: runtime.config))
        if let note { presenter.note(note) }
        if runtime.setup.isDemo { presenter.note("[demo] simulated council — not real models") }

        let (events, continuation) = AsyncStream.makeStream(of: CouncilEvent.self)
        let council = runtime.council
        let engine = Task {
            let result = await council.run(request) { continuation.yield($0) }
            continuation.finish()
            return result
        }
        let watcher = SignalWatcher { engine.cancel() }
        watcher.start()
        let typeAhead = TypeAheadGuard.engage()
        for await event in events {
            presenter.handle(event)
            if let problem = await recorder.record(event) { presenter.note(problem) }
        }
        await presenter.finish()
        let result = await engine.value
        typeAhead.release()
        watcher.stop()
        await runtime.saveBreakers()
        return Outcome(result: result, turn: turn, tier: tier)
    }
}

/// Where the answer goes: streamed to stdout, or kept for a JSON document (`ask --json`).
enum Presentation {
    case live
    case statusOnly
}

/// A user-facing error with a message that says what to do.
enum CLIError: Error, CustomStringConvertible {
    case message(String)
    var description: String {
        switch self { case .message(let text): text }
    }
}
