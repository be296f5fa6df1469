import Foundation
import Testing
import CouncilCore
import CouncilTestSupport

/// Text a model (or a gateway) writes never reaches a terminal raw: a title change, a screen clear
/// and a bidi override in an answer, the chairman's synthesis, a stored turn, an export or an error
/// message come out as harmless text. The built binary on a real pseudo-terminal.
@Suite(.serialized, .timeLimit(.minutes(2))) struct HostileTextEndToEndTests {
    static let sequences = ["\u{1B}]0;pwned", "\u{1B}[2J", "\u{202E}"]
    static func hostile(_ words: String) -> String { "\(words)\u{1B}]0;pwned\u{07} \u{1B}[2J\u{202E}tail" }

    /// Fails naming the first raw sequence found in `text`.
    static func expectClean(_ text: Substring, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for sequence in sequences {
            #expect(!text.contains(sequence), "\(what) printed \(sequence.debugDescription) raw",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func answersStoredTurnsExportsAndErrorsAreSanitisedOnATerminal() async throws {
        let server = try await CouncilBinary.council(synthesis: { _ in .stream(Self.hostile("Chairman says four."), pieces: 5) }) { request in
            request.lastUserText.contains("fail")
                ? .error(status: 500, message: Self.hostile("gateway exploded"))
                : .stream(Self.hostile("Four, says \(request.model)."), pieces: 4)
        }
        var (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        environment["PAGER"] = "cat"  // long output still goes through the pager, which passes it on as it is
        let terminal = try PseudoTerminal(command: [CouncilBinary.path], environment: environment)
        defer { terminal.terminate() }

        var mark = try #require(await terminal.waitFor("]> "), "no prompt:\n\(terminal.transcript)")
        terminal.send("What is 2+2?\r")
        let streamed = try #require(await terminal.waitFor("models arrived 3/3", after: mark), "no footer:\n\(terminal.transcript)")
        mark = try #require(await terminal.waitFor("]> ", after: streamed))
        let turn = terminal.transcript[..<mark]
        #expect(turn.contains("Chairman says four."), "the synthesis reached the screen")
        Self.expectClean(turn, "a streamed turn")

        terminal.send("/show 1\r")
        let showStart = mark
        mark = try #require(await terminal.waitFor("Four, says bravo.", after: showStart), "/show printed no answer:\n\(terminal.transcript)")
        mark = try #require(await terminal.waitFor("]> ", after: mark))
        Self.expectClean(terminal.transcript[showStart..<mark], "/show 1")

        terminal.send("/export md\r")
        let exportStart = mark
        mark = try #require(await terminal.waitFor("Chairman says four.", after: exportStart), "/export md printed nothing:\n\(terminal.transcript)")
        mark = try #require(await terminal.waitFor("]> ", after: mark))
        Self.expectClean(terminal.transcript[exportStart..<mark], "/export md")

        // JSON escapes ESC itself but not U+202E: only the terminal's sanitiser stands in the way.
        terminal.send("/export json\r")
        let jsonStart = mark
        mark = try #require(await terminal.waitFor("Chairman says four.", after: jsonStart), "/export json printed nothing:\n\(terminal.transcript)")
        mark = try #require(await terminal.waitFor("]> ", after: mark))
        Self.expectClean(terminal.transcript[jsonStart..<mark], "/export json")

        // A Markdown file is read with `cat` too.
        terminal.send("/export md ~/turns.md\r")
        let file = home.appendingPathComponent("turns.md")
        #expect(await waitUntil { FileManager.default.fileExists(atPath: file.path) }, "no file:\n\(terminal.transcript)")
        mark = try #require(await terminal.waitFor("]> ", after: mark))
        let written = try String(contentsOf: file, encoding: .utf8)
        #expect(written.contains("Chairman says four."))
        Self.expectClean(written[...], "/export md FILE")

        terminal.send("please fail\r")
        let errorStart = mark
        mark = try #require(await terminal.waitFor("gateway exploded", after: errorStart), "the error never showed:\n\(terminal.transcript)")
        mark = try #require(await terminal.waitFor("]> ", after: mark))
        Self.expectClean(terminal.transcript[errorStart..<mark], "an error message")

        terminal.send(PseudoTerminal.controlD)
        #expect(await terminal.waitForExit() == 0)
        Self.expectClean(terminal.transcript[...], "the session")
        await server.stop()
    }

    /// The chairman's failure is announced with the gateway's words ("taking over from alpha: …").
    @Test(arguments: [true, false]) func aFailedChairmansErrorIsSanitised(onATerminal: Bool) async throws {
        let server = try await CouncilBinary.council(synthesis: { model in
            model == "alpha" ? .error(status: 500, message: Self.hostile("chairman exploded")) : .stream("Synthesis by \(model).")
        })
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let screen: String
        if onATerminal {
            let terminal = try PseudoTerminal(command: [CouncilBinary.path, "ask", "What is 2+2?"], environment: environment)
            defer { terminal.terminate() }
            #expect(await terminal.waitForExit() == 0, "\(terminal.transcript)")
            screen = terminal.transcript
        } else {
            // Piped, stdout stays exact, but the status lines on stderr still go to a terminal.
            let run = try await CouncilBinary.run(["ask", "What is 2+2?"], environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
            screen = run.stderr
        }
        #expect(screen.contains("taking over from alpha"), "\(screen)")
        #expect(screen.contains("chairman exploded"), "the reason is shown:\n\(screen)")
        Self.expectClean(screen[...], "the chairman's fallback note")
        await server.stop()
    }

    /// `council ask` on a terminal: the one-shot path has a presenter of its own.
    @Test func aOneShotAnswerIsSanitisedOnATerminal() async throws {
        let server = try await CouncilBinary.council(synthesis: { _ in .stream(Self.hostile("Chairman says four."), pieces: 5) }) { request in
            .stream(Self.hostile("Four, says \(request.model)."), pieces: 4)
        }
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let terminal = try PseudoTerminal(command: [CouncilBinary.path, "ask", "What is 2+2?"], environment: environment)
        defer { terminal.terminate() }
        #expect(await terminal.waitForExit() == 0, "\(terminal.transcript)")
        #expect(terminal.transcript.contains("Chairman says four."))
        Self.expectClean(terminal.transcript[...], "council ask")
        await server.stop()
    }
}
