import Foundation
import Testing
import CouncilCore
import CouncilTestSupport

/// `NO_COLOR` on a real terminal: no colour or style sequence (`ESC[…m`) anywhere on the screen — the
/// board, the notes, the rendered answer, `/show`, an `ask` — while the live board still moves the cursor.
@Suite(.serialized, .timeLimit(.minutes(2))) struct NoColorEndToEndTests {
    /// The first SGR sequence (`ESC [ digits/semicolons m`) in `text`, if any.
    static func styleSequence(in text: Substring) -> String? {
        var rest = text[...]
        while let escape = rest.range(of: "\u{1B}[") {
            let parameters = rest[escape.upperBound...].prefix { $0.isNumber || $0 == ";" }
            let end = rest.index(escape.upperBound, offsetBy: parameters.count)
            if end < rest.endIndex, rest[end] == "m" { return String(rest[escape.lowerBound...end]).debugDescription }
            rest = rest[escape.upperBound...]
        }
        return nil
    }

    @Test func aTurnShowAndAskPutNoStyleOnTheScreen() async throws {
        let server = try await CouncilBinary.council(synthesis: { _ in .stream("**Four**, in *bold* and `code`.\n\n# A heading\n\n- a list") }) { request in
            request.model == "charlie" ? .error(status: 500, message: "down") : .stream("Four, says \(request.model).")
        }
        var (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        environment["NO_COLOR"] = "1"
        environment["PAGER"] = "cat"
        let terminal = try PseudoTerminal(command: [CouncilBinary.path], environment: environment)
        defer { terminal.terminate() }

        var mark = try #require(await terminal.waitFor("]> "), "no prompt:\n\(terminal.transcript)")
        terminal.send("What is 2+2?\r")
        mark = try #require(await terminal.waitFor("models arrived 2/3", after: mark), "no footer:\n\(terminal.transcript)")
        mark = try #require(await terminal.waitFor("]> ", after: mark))
        terminal.send("/show 1\r")
        mark = try #require(await terminal.waitFor("Four, says bravo.", after: mark), "\(terminal.transcript)")
        mark = try #require(await terminal.waitFor("]> ", after: mark))
        let screen = terminal.transcript[..<mark]
        #expect(screen.contains("Four") && screen.contains("A heading"), "the answer was rendered")
        #expect(Self.styleSequence(in: screen) == nil, "style on the screen: \(Self.styleSequence(in: screen) ?? "")")
        #expect(screen.contains("\u{1B}[") , "the live board still moves the cursor")

        let ask = try PseudoTerminal(command: [CouncilBinary.path, "ask", "What is 3+3?"], environment: environment)
        defer { ask.terminate() }
        let end = try #require(await ask.waitFor("models arrived 2/3"), "\(ask.transcript)")
        #expect(await ask.waitForExit() == 0)
        #expect(Self.styleSequence(in: ask.transcript[..<end]) == nil, "ask: \(Self.styleSequence(in: ask.transcript[...]) ?? "")")
        await server.stop()
    }
}
