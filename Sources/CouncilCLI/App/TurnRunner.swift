import CouncilCore
import CouncilStore
import Foundation
import Synchronization

/// Runs one question through the council: opens the turn in the store while the first requests leave
/// (nothing of it is shown or stored before the row is committed), shows and records every event,
/// lets Ctrl-C cancel it, and saves the breakers afterwards.
/// Public so the benchmark measures a turn exactly as the CLI runs it.
public struct TurnRunner: Sendable {
    let runtime: CouncilRuntime
    /// Where the screen writes, and what it is: the process's streams, or a benchmark's sink.
    let output: TurnScreen.Output
    let terminal: TerminalInfo
    /// A turn at the prompt: Ctrl-C cancels it and typed keys wait. Off for `council serve`, whose turns
    /// run side by side and end when their client leaves.
    let interactive: Bool
    /// Sees every event as the engine emits it (`council serve` streams the chairman's words from here).
    let onEvent: (@Sendable (CouncilEvent) -> Void)?
    /// A client's request options (`council serve`): for every answer, and for the chairman's alone.
    var clientOptions: (answers: RequestOptions, synthesis: RequestOptions) = (.none, .none)

    public init(runtime: CouncilRuntime, output: TurnScreen.Output = .standardStreams, terminal: TerminalInfo? = nil,
                interactive: Bool = true, onEvent: (@Sendable (CouncilEvent) -> Void)? = nil,
                clientOptions: (answers: RequestOptions, synthesis: RequestOptions) = (.none, .none)) {
        self.clientOptions = clientOptions
        self.runtime = runtime
        self.output = output
        self.terminal = terminal ?? runtime.terminal
        self.interactive = interactive
        self.onEvent = onEvent
    }

    public struct Outcome {
        public var result: TurnResult
        public var turn: TurnRecord
        public var tier: Tier
    }

    public func run(_ question: String, attachments: [Attachment] = [], session: Int64, state: SessionState,
                    history: [ConversationTurn], replayOf: Int64? = nil, presentation: Presentation = .live) async throws -> Outcome {
        let (unresolved, tier, note) = try state.turnRequest(question, attachments: attachments, history: history)
        // `auto` timeouts and hedges need the models' recent latency: one read, beside the breakers'.
        async let planned = resolvingLatency(unresolved, state: state, tier: tier)
        // Ctrl-C is caught from before the turn is stored until it is over: there is no moment in
        // which it kills the program instead of cancelling the turn.
        let cancel = CancelLatch()
        let watcher = interactive ? SignalWatcher { cancel.fire() } : nil
        watcher?.start()
        defer { watcher?.stop() }
        // What other processes learned about the models, before any request leaves (a read, no commit).
        await runtime.sharedBreakers.adopt(try await runtime.store.changedBreakers(of: Self.called(unresolved)))
        var (resolved, usesAuto) = await planned
        resolved.override(answers: clientOptions.answers, synthesis: clientOptions.synthesis)
        let request = resolved
        let presenter = TurnPresenter(terminal: terminal, mode: request.mode, presentation: presentation, limits: WaitLimits(request),
                                      output: output, names: ModelNames(config: state.config))
        // The turn's row is committed while the first requests leave; the journal shows and stores
        // nothing of the turn before it is (the line editor's history holds the question meanwhile).
        let store = runtime.store, isDemo = runtime.setup.isDemo
        let opening = Task {
            try await store.beginTurn(session: session, prompt: question, tier: tier.rawValue, models: unresolved.models, replayOf: replayOf,
                                  attachments: attachments)
        }
        // The engine never waits for the store or the screen: the journal stores each result, then shows it.
        let journal = TurnJournal(opening: {
            guard let turn = try? await opening.value else { return nil }
            if let note { presenter.note(note) }
            if isDemo { presenter.note("[demo] simulated council — not real models") }
            AttachmentNotes.show(request, on: presenter)
            return TurnRecorder(store: store, turnID: turn.id!)
        }, presenter: presenter)
        let council = runtime.council
        let onEvent = self.onEvent
        let engine = Task { await council.run(request) { journal.take($0); onEvent?($0) } }
        cancel.attach(engine)
        let typeAhead = interactive ? TypeAheadGuard.engage() : nil
        let turn: TurnRecord
        do {
            turn = try await opening.value
        } catch {
            engine.cancel()
            _ = await engine.value
            await journal.finish()
            await presenter.finish()
            typeAhead?.release()
            throw error
        }
        // The caller's cancellation (a client gone) cancels the engine, which closes every request.
        let result = await withTaskCancellationHandler { await engine.value } onCancel: { engine.cancel() }
        await journal.finish()
        await presenter.finish()
        typeAhead?.release()
        await runtime.sharedBreakers.save()
        // The next turn's figures, read while the user types the next question.
        if usesAuto {
            runtime.prefetchLatency(of: Self.called(request))
        }
        return Outcome(result: result, turn: turn, tier: tier)
    }
}

extension TurnRunner {
    /// `request` with each model's `auto` timeout and hedge resolved from the store's recent figures
    /// (`CallPlanner`), and whether any model uses `auto`; as it is, without reading the store, when none does.
    func resolvingLatency(_ request: CouncilRequest, state: SessionState, tier: Tier) async -> (CouncilRequest, usesAuto: Bool) {
        let called = Self.called(request)
        var planner = state.planner(tier: tier)
        guard planner.needsLatency(called) else { return (request, false) }
        planner.latency = await runtime.recentLatency(of: called)
        var resolved = request
        resolved.calls = planner.calls(for: called)
        return (resolved, true)
    }

    /// Every model the request may call: the council and the chairman.
    static func called(_ request: CouncilRequest) -> [ModelID] {
        request.models + (request.chairman.map { [$0] } ?? [])
    }
}

/// Where the answer goes: streamed to stdout (Markdown rendered on a terminal unless `raw`), or kept
/// for a JSON document (`ask --json`).
public enum Presentation: Equatable, Sendable {
    case live(raw: Bool)
    case statusOnly

    public static let live = Presentation.live(raw: false)
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

/// What the board says of a question's attachments before its first result: what rides along, and
/// which models were not shown its images.
enum AttachmentNotes {
    static func show(_ request: CouncilRequest, on presenter: TurnPresenter) {
        let attachments = request.attachments
        if !attachments.isEmpty { presenter.note("attached: " + attachments.map(ByteText.describe).joined(separator: ", ")) }
        let unseen = request.modelsMissingImages
        guard !unseen.isEmpty else { return }
        presenter.note("⚠ not shown the image\(attachments.filter(\.isImage).count == 1 ? "" : "s") (no vision: true): "
                       + unseen.map(\.rawValue).joined(separator: ", "))
    }
}
