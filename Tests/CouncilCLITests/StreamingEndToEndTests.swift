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

    /// A stream written delta by delta with pauses, as a model produces tokens: each delta is on the
    /// screen before the next is sent — the board counts a model's characters as they come, and the
    /// chairman's answer grows on the screen — and the whole answer is there once, at the end.
    @Test func deltasSentApartAreShownApart() async throws {
        let gap = Duration.milliseconds(600)
        let script = CouncilScript(answers: ["alpha": .stream("Four."), "bravo": .stream("Four."),
                                             "charlie": .stream("aaaaaaaaaaBBBBBBBBBBcccccccccc", pieces: 3, gap: gap)],
                                   review: { _, view in .stream(view.ranking { $0.count }) },
                                   synthesis: { _, _ in .stream("Alpha words. Beta words. Gamma words.", pieces: 3, gap: gap) })
        let server = try await ScriptedServer.start(script: script.reply(to:))
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let terminal = try PseudoTerminal(command: [CouncilBinary.path, "ask", "What is 2+2?"], environment: environment)
        defer { terminal.terminate() }

        let first = await terminal.waitFor("receiving, 10 characters")
        #expect(first != nil, "charlie's first delta was not counted on its own:\n\(terminal.transcript)")
        #expect(await terminal.waitFor("receiving, 20 characters", after: first) != nil)
        #expect(await terminal.waitFor("Alpha words.") != nil, "the chairman's first delta never showed")
        #expect(!terminal.transcript.contains("Gamma"), "the chairman's first delta waited for its last")
        #expect(await terminal.waitForExit() == 0)
        let words = terminal.transcript.components(separatedBy: "Gamma words.").count - 1
        #expect(words == 1, "the answer's end shown \(words) times:\n\(terminal.transcript)")
        await server.stop()
    }
}
