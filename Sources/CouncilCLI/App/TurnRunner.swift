import CouncilCore
import CouncilStore
import Foundation
import Synchronization

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
        let unresolved = state.request(question: question, history: history, tier: tier, config: runtime.config)
        guard !unresolved.models.isEmpty else {
            throw CLIError.message("no model of tier \(tier.rawValue) is enabled — /enable a model or pick another /tier")
        }
        // `auto` timeouts and hedges need the models' recent latency: one read, beside the turn's first write.
        async let planned = resolvingLatency(unresolved, state: state, tier: tier)
        // Ctrl-C is caught from before the turn is stored until it is over: there is no moment in
        // which it kills the program instead of cancelling the turn.
        let cancel = CancelLatch()
        let watcher = SignalWatcher { cancel.fire() }
        watcher.start()
        defer { watcher.stop() }
        let turn = try await runtime.store.beginTurn(session: session, prompt: question, tier: tier.rawValue,
                                                     models: unresolved.models, replayOf: replayOf)
        let request = await planned
        let recorder = TurnRecorder(store: runtime.store, turnID: turn.id!)
        let limits = Dictionary(uniqueKeysWithValues: Stage.allCases.map { ($0, request.timeout(for: $0)) })
        let presenter = TurnPresenter(terminal: runtime.terminal, mode: request.mode, presentation: presentation, limits: limits,
                                      names: ModelNames(config: runtime.config))
        if let note { presenter.note(note) }
        if runtime.setup.isDemo { presenter.note("[demo] simulated council — not real models") }

        await runtime.refreshBreakers()
        let (events, continuation) = AsyncStream.makeStream(of: CouncilEvent.self)
        let council = runtime.council
        let engine = Task {
            let result = await council.run(request) { continuation.yield($0) }
            continuation.finish()
            return result
        }
        cancel.attach(engine)
        let typeAhead = TypeAheadGuard.engage()
        for await event in events {
            presenter.handle(event)
            if let problem = await recorder.record(event) { presenter.note(problem) }
        }
        await presenter.finish()
        let result = await engine.value
        typeAhead.release()
        await runtime.saveBreakers()
        // The next turn's figures, read while the user types the next question.
        if state.planner(tier: tier, config: runtime.config).needsLatency(Self.called(request)) {
            runtime.prefetchLatency(of: Self.called(request))
        }
        return Outcome(result: result, turn: turn, tier: tier)
    }
}

extension TurnRunner {
    /// `request` with each model's `auto` timeout and hedge resolved from the store's recent figures
    /// (`CallPlanner`); as it is, without reading the store, when no model uses `auto`.
    func resolvingLatency(_ request: CouncilRequest, state: SessionState, tier: Tier) async -> CouncilRequest {
        let called = Self.called(request)
        let planner = state.planner(tier: tier, config: runtime.config)
        guard planner.needsLatency(called) else { return request }
        var resolved = request
        resolved.calls = state.planner(tier: tier, config: runtime.config, latency: await runtime.recentLatency(of: called))
            .calls(for: called)
        return resolved
    }

    /// Every model the request may call: the council and the chairman.
    static func called(_ request: CouncilRequest) -> [ModelID] {
        request.models + (request.chairman.map { [$0] } ?? [])
    }
}

/// Where the answer goes: streamed to stdout (Markdown rendered on a terminal unless `raw`), or kept
/// for a JSON document (`ask --json`).
enum Presentation: Equatable {
    case live(raw: Bool)
    case statusOnly

    static let live = Presentation.live(raw: false)
}

/// A user-facing error with a message that says what to do.
enum CLIError: Error, CustomStringConvertible {
    case message(String)
    var description: String {
        switch self { case .message(let text): text }
    }
}

/// Cancels the turn's engine on Ctrl-C, also when the signal came before the engine started.
private final class CancelLatch: Sendable {
    private let state = Mutex<(fired: Bool, task: Task<TurnResult, Never>?)>((false, nil))

    func fire() {
        state.withLock { state in
            state.fired = true
            return state.task
        }?.cancel()
    }

    func attach(_ task: Task<TurnResult, Never>) {
        if state.withLock({ state in
            state.task = task
            return state.fired
        }) { task.cancel() }
    }
}
