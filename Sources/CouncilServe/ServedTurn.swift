import CouncilCLI
import CouncilCore
import Foundation
import Hummingbird

/// One served turn: run as the CLI runs one, with nothing on the terminal, stored in its surface's
/// session of the day (`serve-2026-12-02`, `mcp-2026-12-02`).
struct ServedTurn: Sendable {
    let runtime: CouncilRuntime
    let chat: ChatRequest
    let state: SessionState
    /// The surface whose day's session stores the turn (`SessionNames.daily`).
    var surface = "serve"

    /// `council serve`'s stop, which cancels the turn once its deadline has passed.
    var stop: ServeStop?

    func run(onEvent: (@Sendable (CouncilEvent) -> Void)?) async throws -> TurnResult {
        guard let stop else { return try await runTurn(onEvent: onEvent) }
        let turn = Task { try await runTurn(onEvent: onEvent) }
        let watch = Task {
            await stop.passed()
            turn.cancel()
        }
        defer { watch.cancel() }
        return try await withTaskCancellationHandler { try await turn.value } onCancel: { turn.cancel() }
    }

    private func runTurn(onEvent: (@Sendable (CouncilEvent) -> Void)?) async throws -> TurnResult {
        let session = try await runtime.store.sessionOrNew(named: SessionNames.daily(surface))
        let silent = TurnScreen.Output(answer: { _ in }, status: { _ in })
        let pipes = TerminalInfo(stdinIsTerminal: false, stdoutIsTerminal: false, stderrIsTerminal: false, noColorRequested: true)
        let runner = TurnRunner(runtime: runtime, output: silent, terminal: pipes, interactive: false, onEvent: onEvent,
                                clientOptions: (chat.answers, chat.synthesis))
        return try await runner.run(chat.question, attachments: chat.images, session: session.id!, state: state, history: chat.history,
                                    presentation: .statusOnly).result
    }

    /// Why the turn cannot run (no model enabled, material over the budget), found before the response
    /// starts, so that a stream is refused with a status rather than cut.
    func refusal() -> ServeError? {
        do {
            _ = try state.turnRequest(chat.question, attachments: chat.images, history: chat.history)
            return nil
        } catch {
            return .badRequest("\(error)", code: "cannot_run")
        }
    }
}

/// A turn streamed as `chat.completion.chunk` events: the role first, the chairman's words as they come,
/// a comment every `serve.keep_alive` while the first stages run, the finish with usage and the council's account,
/// then `[DONE]`. A client that goes away cancels the turn: every provider request is closed.
struct StreamedTurn {
    let turn: ServedTurn
    let responses: ChatResponses
    let tier: Tier
    let log: ServeLog

    private enum Item: Sendable {
        case text(String)
        case tick
        case end(TurnResult?)
    }

    func write(to writer: inout any ResponseBodyWriter) async throws {
        let (items, sink) = AsyncStream<Item>.makeStream()
        var chairmen = 0
        var sanitizer = StreamSanitizer()
        let run = Task {
            let result = try? await turn.run { event in
                switch event {
                case .synthesisDelta(let text): sink.yield(.text(text))
                case .chairmanChosen: sink.yield(.text(""))
                default: break
                }
            }
            sink.yield(.end(result))
        }
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: turn.runtime.config.serve.keepAlive)
                sink.yield(.tick)
            }
        }
        // Also when a write fails because the client is gone: the cancel closes the turn's requests.
        var ended = false
        defer {
            ticker.cancel()
            run.cancel()
            if !ended { log.clientLeft(model: turn.chat.model) }
        }
        try await writer.write(ByteBuffer(bytes: responses.chunk(role: true)))
        for await item in items {
            switch item {
            case .tick:
                try await writer.write(ByteBuffer(bytes: ChatResponses.keepAlive))
            case .text(let text) where text.isEmpty:
                // A chairman that failed mid-answer is replaced: say so rather than run two answers together.
                chairmen += 1
                sanitizer = StreamSanitizer()
                if chairmen > 1 { try await writer.write(ByteBuffer(bytes: responses.chunk(text: "\n\n[the chairman failed; another model answers]\n\n"))) }
            case .text(let text):
                let printable = sanitizer.feed(text)
                if !printable.isEmpty { try await writer.write(ByteBuffer(bytes: responses.chunk(text: printable))) }
            case .end(let result):
                ended = true
                if let result { log.turn(result, model: turn.chat.model, stream: true) }
                if let result, result.status != .cancelled, let answer = result.servedAnswer {
                    // No chairman finished (answers mode, or every chairman failed): the answer kept, whole.
                    if !result.synthesised {
                        let note = chairmen > 0 ? "\n\n[no chairman could finish; the top-ranked answer as it was]\n\n" : ""
                        try await writer.write(ByteBuffer(bytes: responses.chunk(text: note + answer)))
                    }
                    try await writer.write(ByteBuffer(bytes: responses.finalChunk(result, tier: tier)))
                } else {
                    // Stopped by the server, or no model answered: said in OpenAI's way, an `error` event, so
                    // that a client reports it rather than an empty answer or a broken connection.
                    let error: ServeError = result?.status == .cancelled ? .stopped : .noAnswer(result?.failureText ?? "the turn could not run")
                    try await writer.write(ByteBuffer(bytes: ChatResponses.errorEvent(error)))
                }
                try await writer.write(ByteBuffer(bytes: ChatResponses.done))
                try await writer.finish(nil)
                return
            }
        }
    }
}
