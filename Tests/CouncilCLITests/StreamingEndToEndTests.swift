import Foundation
import Testing
import CouncilCore
import CouncilTestSupport

/// On a terminal a turn shows what arrives as it arrives: a model mid-answer shows how much it has
/// sent, and the chairman's first words are on the screen before its stream ends.
@Suite(.serialized, .timeLimit(.minutes(2))) struct StreamingEndToEndTests {
    static let script = CouncilScript(answers: [:], review: { _, view in .stream(view.ranking { $0.count }) },
                                      synthesis: { _, _ in .hang(afterText: "The first words ") })

    func ask(_ generation: @escaping @Sendable (ScriptedRequest) -> ScriptedReply,
             _ check: (PseudoTerminal) async -> Void) async throws {
        let server = try await ScriptedServer.start { request in
            CouncilRequestView(request).kind == .generation ? generation(request) : Self.script.reply(to: request)
        }
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let terminal = try PseudoTerminal(command: [CouncilBinary.path, "ask", "What is 2+2?"], environment: environment)
        defer { terminal.terminate() }
        await check(terminal)
        #expect(terminal.isRunning, "the turn had not finished")
        terminal.send(PseudoTerminal.controlC)
        #expect(await terminal.waitForExit() == 130)
        await server.stop()
    }

    @Test func aModelMidAnswerShowsWhatItHasSent() async throws {
        try await ask({ $0.model == "charlie" ? .hang(afterText: "Still thinking") : .stream("Four.") }) { terminal in
            #expect(await terminal.waitFor("receiving, 14 characters") != nil, "no progress shown:\n\(terminal.transcript)")
        }
    }

    @Test func theChairmansFirstWordsAreOnScreenBeforeItsStreamEnds() async throws {
        try await ask({ _ in .stream("Four.") }) { terminal in
            #expect(await terminal.waitFor("The first words") != nil, "the first words never showed:\n\(terminal.transcript)")
        }
    }
}
