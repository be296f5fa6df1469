import Foundation
import Testing
import CouncilCore
import CouncilTestSupport

/// The built `council` binary on a real pseudo-terminal, talking HTTP to the scripted server.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ReplEndToEndTests {
    static let script = CouncilScript(
        answers: [:],
        review: { _, view in .stream(view.ranking { $0.count }) },
        synthesis: { model, _ in .stream("The council says four (synthesis by \(model)).") })

    /// The binary's REPL on a pseudo-terminal, in a home of its own pointed at `server`; `finish`
    /// ends it and removes the home.
    static func repl(_ server: ScriptedServer, extra: [String: String] = [:], rows: Int = 40) throws
        -> (terminal: PseudoTerminal, finish: () -> Void) {
        let (environment, home) = try CouncilBinary.environment(server: server)
        let terminal = try PseudoTerminal(command: [CouncilBinary.path], environment: environment.merging(extra) { $1 }, rows: rows)
        return (terminal, {
            terminal.terminate()
            try? FileManager.default.removeItem(at: home)
        })
    }

    @Test func askSwitchTierRecallAndCancelAHangingTurn() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: CouncilBinary.path), "build the binary first: swift build")
        let server = try await ScriptedServer.start { request in
            let view = CouncilRequestView(request)
            if view.kind == .generation {
                return request.lastUserText.contains("hang") ? .hang() : .stream("Four, says \(request.model).", delay: .milliseconds(50))
            }
            return Self.script.reply(to: request)
        }
        let (terminal, finish) = try Self.repl(server)
        defer { finish() }

        var mark = try #require(await terminal.waitFor("]> "), "no prompt:\n\(terminal.transcript)")
        terminal.send("What is 2+2?\r")
        mark = try #require(await terminal.waitFor("models arrived 3/3", after: mark), "no footer:\n\(terminal.transcript)")
        let turn = terminal.transcript
        for model in ["alpha", "bravo", "charlie"] { #expect(turn.contains(model)) }
        #expect(turn.contains("✔") && turn.contains("arrived"))
        #expect(turn.contains("The council says four (synthesis by "))
        #expect(turn.contains("ranking"))

        mark = try #require(await terminal.waitFor("]> ", after: mark))
        terminal.send("/tier quick\r")
        mark = try #require(await terminal.waitFor("tier: quick", after: mark), "\(terminal.transcript)")
        mark = try #require(await terminal.waitFor("quick]> ", after: mark))

        // The up arrow recalls the last line; Enter runs it again.
        terminal.send(PseudoTerminal.upArrow)
        mark = try #require(await terminal.waitFor("/tier quick", after: mark), "the up arrow recalled nothing:\n\(terminal.transcript)")
        terminal.send("\r")
        mark = try #require(await terminal.waitFor("tier: quick", after: mark), "up arrow did not recall /tier quick:\n\(terminal.transcript)")

        // A turn whose models all hang: Ctrl-C cancels it and gives the prompt back.
        mark = try #require(await terminal.waitFor("]> ", after: mark))
        terminal.send("please hang\r")
        mark = try #require(await terminal.waitFor("waiting", after: mark), "\(terminal.transcript)")
        #expect(await waitUntil { server.requests.filter({ $0.lastUserText.contains("hang") }).count >= 3 }, "the hanging requests never arrived")
        terminal.send(PseudoTerminal.controlC)
        mark = try #require(await terminal.waitFor("turn cancelled", after: mark), "Ctrl-C did not cancel:\n\(terminal.transcript)")
        mark = try #require(await terminal.waitFor("]> ", after: mark), "no prompt after Ctrl-C")
        for model in ["alpha", "bravo", "charlie"] { #expect(await server.disconnect(of: ModelID(model)) != nil, "\(model) still connected") }
        #expect(terminal.isRunning, "Ctrl-C must not end the program")

        // Ctrl-C at the prompt gives a hint; Ctrl-D leaves with status 0.
        terminal.send(PseudoTerminal.controlC)
        mark = try #require(await terminal.waitFor("Ctrl-D or /exit leaves", after: mark))
        // libedit shows the prompt once it reads again: a Ctrl-D typed before that is the terminal's.
        mark = try #require(await terminal.waitFor("]> ", after: mark), "no prompt after the hint")
        terminal.send(PseudoTerminal.controlD)
        #expect(await terminal.waitForExit() == 0)
        await server.stop()
    }

    /// On a terminal the answer's Markdown is rendered as it streams; `/raw` prints it as written.
    @Test func answersAreRenderedOnATerminalAndRawOnRequest() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: CouncilBinary.path), "build the binary first: swift build")
        let server = try await ScriptedServer.start { request in
            switch CouncilRequestView(request).kind {
            case .generation: .stream("Four.")
            case .synthesis: .stream("## Result\nThe answer is **four**.\n", delay: .milliseconds(600), pieces: 9)
            default: Self.script.reply(to: request)
            }
        }
        let (terminal, finish) = try Self.repl(server)
        defer { finish() }

        var mark = try #require(await terminal.waitFor("]> "), "no prompt:\n\(terminal.transcript)")
        terminal.send("What is 2+2?\r")
        mark = try #require(await terminal.waitFor("models arrived", after: mark), "\(terminal.transcript)")
        let rendered = terminal.transcript
        #expect(rendered.contains("\u{1B}[1mfour"), "bold is rendered")
        // Before its first word the chairman's row is live, with its limit (twice the per-model 30 s).
        #expect(rendered.contains("alpha  \u{1B}[2mwaiting ") && rendered.contains(" / 60 s"), "no live chairman row")
        #expect(!rendered.contains("**four**") && !rendered.contains("## Result"), "no raw Markdown on a terminal")

        mark = try #require(await terminal.waitFor("]> ", after: mark))
        terminal.send("/raw\r")
        mark = try #require(await terminal.waitFor("raw: on", after: mark))
        terminal.send("What is 2+2?\r")
        mark = try #require(await terminal.waitFor("models arrived", after: mark), "\(terminal.transcript)")
        #expect(terminal.transcript.contains("**four**") && terminal.transcript.contains("## Result"), "raw Markdown after /raw")
        _ = await terminal.waitFor("]> ", after: mark)
        terminal.send(PseudoTerminal.controlD)
        #expect(await terminal.waitForExit() == 0)
        await server.stop()
    }

    /// Long output goes through $PAGER on a terminal, as in git.
    @Test func longOutputGoesThroughThePager() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: CouncilBinary.path), "build the binary first: swift build")
        let server = try await ScriptedServer.start { Self.script.reply(to: $0) }
        let (terminal, finish) = try Self.repl(server, extra: ["PAGER": "sed s/^/PAGED:/"], rows: 12)
        defer { finish() }
        var mark = try #require(await terminal.waitFor("]> "), "no prompt:\n\(terminal.transcript)")
        terminal.send("/help\r")
        mark = try #require(await terminal.waitFor("PAGED:/tier", after: mark), "/help was not paged:\n\(terminal.transcript)")
        mark = try #require(await terminal.waitFor("]> ", after: mark))
        terminal.send("/tier\r")  // one line: printed, not paged
        mark = try #require(await terminal.waitFor("/tier: balanced", after: mark))
        #expect(!terminal.transcript[mark...].contains("PAGED:"))

        // `//` sends a line that starts with a slash as a question.
        _ = await terminal.waitFor("]> ", after: mark)
        terminal.send("//etc/hosts: what is it?\r")
        #expect(await waitUntil { server.requests.contains { $0.lastUserText == "/etc/hosts: what is it?" } },
                "the question never reached the council:\n\(terminal.transcript)")
        mark = try #require(await terminal.waitFor("models arrived", after: mark), "the turn never ended:\n\(terminal.transcript)")
        _ = await terminal.waitFor("]> ", after: mark)
        terminal.send(PseudoTerminal.controlD)
        #expect(await terminal.waitForExit() == 0)
        await server.stop()
    }

    /// A block typed between \"\"\" lines is one entry of the input history: Up recalls all of it.
    @Test func upRecallsAMultiLineEntryWhole() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: CouncilBinary.path), "build the binary first: swift build")
        let server = try await ScriptedServer.start { request in
            CouncilRequestView(request).kind == .generation ? .stream("Noted.") : Self.script.reply(to: request)
        }
        let (terminal, finish) = try Self.repl(server)
        defer { finish() }
        let asked = { @Sendable in server.requests.filter { CouncilRequestView($0).kind == .generation }.map(\.lastUserText) }

        var mark = try #require(await terminal.waitFor("]> "), "no prompt:\n\(terminal.transcript)")
        terminal.send("\"\"\"\rfirst line\rsecond line\r\"\"\"\r")
        mark = try #require(await terminal.waitFor("models arrived", after: mark), "\(terminal.transcript)")
        mark = try #require(await terminal.waitFor("]> ", after: mark))
        #expect(asked().last == "first line\nsecond line")

        terminal.send(PseudoTerminal.upArrow)
        mark = try #require(await terminal.waitFor("second line", after: mark), "Up recalled nothing:\n\(terminal.transcript)")
        terminal.send("\r")
        mark = try #require(await terminal.waitFor("models arrived", after: mark), "\(terminal.transcript)")
        #expect(asked().suffix(3) == Array(repeating: "first line\nsecond line", count: 3), "\(asked())")
        _ = await terminal.waitFor("]> ", after: mark)
        terminal.send(PseudoTerminal.controlD)
        #expect(await terminal.waitForExit() == 0)
        await server.stop()
    }
}
