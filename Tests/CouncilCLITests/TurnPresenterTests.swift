import Foundation
import Synchronization
import Testing
import CouncilCore
import CouncilTestSupport
@testable import CouncilCLI

/// The presenter's one task draws everything in the order it was sent, and `finish` returns only once
/// all of it is out.
@Suite(.timeLimit(.minutes(2))) struct TurnPresenterTests {
    /// What the screen wrote, stream by stream.
    final class Captured: Sendable {
        private let text = Mutex<(answer: String, status: String)>(("", ""))
        /// How long each write takes: a slow terminal.
        let writeDelay: Duration

        init(writeDelay: Duration = .zero) { self.writeDelay = writeDelay }

        var answer: String { text.withLock { $0.answer } }
        var status: String { text.withLock { $0.status } }
        var output: TurnScreen.Output {
            TurnScreen.Output(answer: { piece in self.pause(); self.text.withLock { $0.answer += piece } },
                              status: { piece in self.pause(); self.text.withLock { $0.status += piece } })
        }

        private func pause() {
            if writeDelay > .zero { usleep(UInt32(writeDelay.milliseconds * 1000)) }
        }
    }

    static let pipes = TerminalInfo(stdinIsTerminal: false, stdoutIsTerminal: false, stderrIsTerminal: false, noColorRequested: false)

    @Test func aRealTurnOnPipesReadsAsPlainLinesInOrder() async throws {
        let models: [ModelID] = ["alpha", "bravo"]
        let script = CouncilScript(answers: ["alpha": .stream("Paris."), "bravo": .stream("Lyon.")], review: { model, view in
            model == "bravo" ? .stream("No idea.") : .stream(view.ranking { $0 == "Paris." ? 1 : 0 })
        }, synthesis: { _, _ in .stream("Paris it is.") })
        let server = try await ScriptedServer.start(script: script.reply(to:))
        let provider = OpenAICompatibleClient(endpoint: ProviderEndpoint(name: "scripted", baseURL: server.baseURL, apiKey: "sk-test"))
        let council = Council(router: ModelRouter(models: models, provider: provider), breakers: BreakerBoard(), shuffleSeed: 1)
        let captured = Captured()
        let presenter = TurnPresenter(terminal: Self.pipes, mode: .full, output: captured.output)
        presenter.note("a note before the turn")
        let request = CouncilRequest(question: "Capital?", models: models, chairman: "alpha",
                                     perModelTimeout: .seconds(10), budget: .seconds(30))
        _ = await council.run(request) { presenter.handle($0) }
        await presenter.finish()
        await server.stop()

        let lines = captured.status.split(separator: "\n").map(String.init)
        #expect(lines.first == "a note before the turn")
        #expect(lines.dropFirst().first == "generation: asking 2 models")
        let rejected = try #require(lines.firstIndex { $0.hasPrefix("review: bravo failed: malformed response: no usable ranking") })
        #expect(lines[rejected + 1] == "review: bravo gave no usable ranking (no FINAL RANKING list or JSON ranking found)",
                "a rejected review reads as before: its failure, then why")
        #expect(lines.contains("chairman: alpha (configured chairman)"))
        #expect(lines.last?.hasPrefix("models arrived 2/2 · ") == true, "the footer is the last line, written before finish returned")
        #expect(captured.answer == "Paris it is.\n")
    }

    @Test func finishReturnsOnlyOnceASlowTerminalHasEverything() async {
        let captured = Captured(writeDelay: .milliseconds(20))
        let presenter = TurnPresenter(terminal: Self.pipes, mode: .full, output: captured.output)
        for index in 1...5 { presenter.note("note \(index)") }
        presenter.handle(.synthesisDelta("The answer"))
        await presenter.finish()
        #expect(captured.status == (1...5).map { "note \($0)\n" }.joined())
        #expect(captured.answer == "The answer")
    }
}

/// A chairman that fails mid-answer: on a pipe only the final answer is written; on a terminal,
/// where the fragment is already shown, a rule marks where the answer starts again.
@Suite struct ChairmanFragmentTests {
    /// A real turn: alpha chairs and is cut off after "Half", bravo takes over with "Whole.".
    static func turn(_ presenter: TurnPresenter) async throws {
        let models: [ModelID] = ["alpha", "bravo"]
        let script = CouncilScript(answers: ["alpha": .stream("Paris."), "bravo": .stream("Lyon.")], review: { _, view in
            .stream(view.ranking { $0.count })
        }, synthesis: { model, _ in model == "alpha" ? .cut(afterText: "Half") : .stream("Whole.") })
        let server = try await ScriptedServer.start(script: script.reply(to:))
        let provider = OpenAICompatibleClient(endpoint: ProviderEndpoint(name: "scripted", baseURL: server.baseURL))
        let council = Council(router: ModelRouter(models: models, provider: provider), breakers: BreakerBoard(), shuffleSeed: 1)
        let request = CouncilRequest(question: "Capital?", models: models, chairman: "alpha",
                                     perModelTimeout: .seconds(10), budget: .seconds(30), mode: .synth)
        _ = await council.run(request) { presenter.handle($0) }
        await presenter.finish()
        await server.stop()
    }

    @Test func onAPipeOnlyTheFinalAnswerIsWritten() async throws {
        let captured = TurnPresenterTests.Captured()
        try await Self.turn(TurnPresenter(terminal: TurnPresenterTests.pipes, mode: .full, output: captured.output))
        #expect(captured.answer == "Whole.\n")
    }

    @Test func onATerminalTheBreakIsMarked() async throws {
        let captured = TurnPresenterTests.Captured()
        let terminal = TerminalInfo(stdinIsTerminal: true, stdoutIsTerminal: true, stderrIsTerminal: false, noColorRequested: true)
        try await Self.turn(TurnPresenter(terminal: terminal, mode: .full, output: captured.output))
        let lines = captured.answer.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(captured.answer)")
        #expect(lines.first == "Half")
        #expect(lines.dropFirst().first?.contains("the chairman failed mid-answer") == true)
        #expect(lines.last == "Whole.")
    }
}
