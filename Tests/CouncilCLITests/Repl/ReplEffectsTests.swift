import CouncilCore
import CouncilStore
import CouncilTestSupport
import Foundation
import GRDB
import Synchronization
import Testing
@testable import CouncilCLI

/// A runtime on a home of its own; its printed lines are captured.
final class ReplHarness: Sendable {
    let runtime: CouncilRuntime
    let effects: ReplServices
    let home: URL
    let server: ScriptedServer
    private let captured = TextSink()
    /// What the user answers to the next confirmation (`y`, anything else, or nothing: just Enter).
    let answers = TextSink()

    init() async throws {
        server = try await ScriptedServer.start { request in
            let view = CouncilRequestView(request)
            switch view.kind {
            case .generation: return .stream("Four, says \(request.model).")
            case .review: return .stream(view.ranking { $0.count })
            default: return .stream("The council says four.")
            }
        }
        let (environment, home) = try CouncilBinary.environment(server: server)
        self.home = home
        runtime = try await CouncilRuntime.start(flags: ConfigFlags(), environment: environment)
        let captured = self.captured
        let answers = self.answers
        effects = ReplServices(runtime: runtime, console: Console { stream, text in
            captured.append((stream == .err ? "[err] " : "") + text)
        }, confirm: { question, byDefault in
            captured.append("[asked] " + question + "\n")
            let answer = answers.take()
            return answer.isEmpty ? byDefault : answer == "y"
        })
    }

    /// What was printed since the last call.
    func take() -> String { captured.take() }

    func state(of name: String) async throws -> ReplState {
        let record = try #require(try await runtime.store.session(named: name))
        return try await effects.opening(record)
    }

    /// Handles a line like the loop does: handler, then each effect.
    func type(_ line: String, _ state: inout ReplState) async {
        let reaction = CommandHandler(context: CommandContext(runtime: runtime)).handle(line: line, state)
        state = reaction.state
        reaction.messages.forEach(effects.console.show)
        for effect in reaction.effects { _ = await effects.perform(effect, on: &state) }
    }

    func close() async {
        await server.stop()
        try? FileManager.default.removeItem(at: home)
    }
}

/// Text printed by a console, collected from any thread.
final class TextSink: Sendable {
    private let text = Mutex("")
    func append(_ more: String) { text.withLock { $0 += more } }
    func take() -> String { text.withLock { text in defer { text = "" }; return text } }
}

/// The effects the handler asks for, carried out against a real SQLite store and, for turns, a
/// scripted OpenAI-compatible server on 127.0.0.1: what each command leaves behind.
@Suite(.timeLimit(.minutes(2))) struct ReplEffectsTests {
    @Test func sessionsAreCreatedRenamedOpenedAndDeleted() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        _ = try await h.runtime.store.createSession(named: "first")
        var state = try await h.state(of: "first")

        await h.type("/session new second", &state)
        #expect(state.session.name == "second")
        #expect(h.take().contains("new session 'second'"))
        await h.type("/session rename renamed", &state)
        #expect(try await h.runtime.store.session(named: "renamed")?.id == state.session.id)
        await h.type("/session rename first", &state)
        #expect(h.take().contains("[err] error:"), "renaming onto a taken name must fail")
        #expect(state.session.name == "renamed")

        await h.type("/sessions", &state)
        let listing = h.take()
        #expect(listing.contains("* ") && listing.contains("renamed") && listing.contains("first"))

        await h.type("/session open frist", &state)
        #expect(h.take().contains("no session 'frist' — did you mean first?"))
        await h.type("/session open first", &state)
        #expect(state.session.name == "first")
        await h.type("/session delete renamed", &state)
        #expect(try await h.runtime.store.session(named: "renamed") == nil, "a session without turns goes without asking")
        #expect(!h.take().contains("[asked]"))

        // A session with turns is deleted only once the user says yes.
        await h.type("A question", &state)
        await h.type("/session new third", &state)
        _ = h.take()
        await h.type("/session delete first", &state)
        #expect(h.take().contains("[asked] delete session 'first' and its 1 turn? [y/N]"))
        #expect(try await h.runtime.store.session(named: "first") != nil)
        h.answers.append("y")
        await h.type("/session delete first", &state)
        #expect(try await h.runtime.store.session(named: "first") == nil)
    }

    @Test func aTurnIsKeptShownInHistoryAndReplayedAsANewTurn() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        _ = try await h.runtime.store.createSession(named: "s")
        var state = try await h.state(of: "s")

        await h.type("What is 2+2?", &state)
        #expect(state.lastTurnNumber == 1)
        #expect(state.history == [ConversationTurn(prompt: "What is 2+2?", answer: "The council says four.")])
        _ = h.take()
        await h.type("/history", &state)
        #expect(h.take().contains("What is 2+2?"))
        await h.type("/show 1", &state)
        let shown = h.take()
        #expect(shown.contains("prompt: What is 2+2?") && shown.contains("Four, says bravo."))
        // Each review says which answer each label stood for, so it can be read.
        let legend = try #require(shown.split(separator: "\n").first { $0.hasPrefix("saw: ") }, "\(shown)")
        for model in ["alpha", "bravo", "charlie"] { #expect(legend.contains("= \(model)"), "\(legend)") }
        await h.type("/show 9", &state)
        #expect(h.take().contains("no turn 9 in session 's'"))
        await h.type("/show 1 bravo", &state)
        let one = h.take()
        #expect(one.contains("Four, says bravo.") && !one.contains("Four, says alpha."), "\(one)")
        #expect(!one.contains("final answer"), "one model's part only")
        await h.type("/show 1 bravp", &state)
        #expect(h.take().contains("bravp took no part in turn 1 — did you mean bravo?"))

        await h.type("/retry", &state)
        let replay = try #require(try await h.runtime.store.turn(session: state.session.id, number: 2))
        #expect(replay.turn.replayOf != nil && replay.turn.prompt == "What is 2+2?")
        #expect(state.lastTurnNumber == 2)
        // The retry took the place of the exchange it repeated: the next question carries it once.
        #expect(state.history == [ConversationTurn(prompt: "What is 2+2?", answer: "The council says four.")])
        await h.type("And 3+3?", &state)
        let next = try #require(h.server.requests.last { CouncilRequestView($0).kind == .generation })
        #expect(next.messages.filter { $0.content == "What is 2+2?" }.count == 1, "\(next.messages)")

        await h.type(String(repeating: "Why? ", count: 20), &state)
        _ = h.take()
        await h.type("/history", &state)
        let cut = h.take().split(separator: "\n").last ?? ""
        #expect(cut.hasSuffix("Why? Why? Why?…"), "a cut prompt ends with …: \(cut)")
    }

    @Test func anAnswersModeTurnIsContextEachModelSeesItsOwnAnswer() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        _ = try await h.runtime.store.createSession(named: "s")
        var state = try await h.state(of: "s")
        await h.type("/mode answers", &state)
        await h.type("What is 2+2?", &state)
        #expect(state.history.count == 1, "an answers-mode turn is context too")
        _ = h.take()
        await h.type("/session", &state)
        #expect(h.take().contains("1 exchange in context"))

        await h.type("And 3+3?", &state)
        let followUps = h.server.requests.filter { CouncilRequestView($0).kind == .generation && $0.lastUserText == "And 3+3?" }
        #expect(followUps.count == 3)
        for request in followUps {
            let earlier = request.messages.filter { $0.role == .assistant }.map(\.content)
            #expect(earlier == ["Four, says \(request.model)."], "\(request.model) saw \(earlier)")
        }
        // Reopened, the session carries the same context.
        #expect(try await h.state(of: "s").history.count == 2)
    }

    @Test func aDatabaseErrorIsReportedNotTakenForAMissingTurn() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        _ = try await h.runtime.store.createSession(named: "s")
        var state = try await h.state(of: "s")
        // Break the store under the REPL's feet, as a disk or another program might.
        let queue = try DatabaseQueue(path: h.runtime.config.dataDirectory + "/council.db")
        try await queue.write { db in try db.execute(sql: "PRAGMA foreign_keys = OFF; DROP TABLE turns") }
        await h.type("/show 1", &state)
        let printed = h.take()
        #expect(printed.contains("no such table"), "\(printed)")
        #expect(!printed.contains("no turn 1"))
    }

    @Test func exportWritesAPrivateFileAndNeverReplacesOne() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        _ = try await h.runtime.store.createSession(named: "s")
        var state = try await h.state(of: "s")
        await h.type("Hello?", &state)
        let file = h.home.appendingPathComponent("out.json").path

        await h.type("/export json \(file)", &state)
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(json is [String: Any])
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        _ = h.take()

        await h.type("/export md \(file)", &state)
        #expect(h.take().contains("already exists"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
    }

    @Test func clearAndSettingsSurviveReopeningTheSession() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        _ = try await h.runtime.store.createSession(named: "s")
        var state = try await h.state(of: "s")
        await h.type("First question", &state)
        await h.type("/clear", &state)
        await h.type("/tier quick", &state)
        await h.type("/disable charlie", &state)

        let reopened = try await h.state(of: "s")
        #expect(reopened.history.isEmpty)
        #expect(reopened.settings.contextFromTurn == 2)
        #expect(reopened.settings.tier == .fixed(.quick))
        #expect(reopened.settings.disabled == ["charlie"])
        #expect(reopened.lastPrompt == "First question")
    }

    @Test func editShowsTheTextAndSendsItOnlyOnceConfirmed() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        _ = try await h.runtime.store.createSession(named: "s")
        var state = try await h.state(of: "s")
        await h.type("What is 2+2?", &state)
        var effects = h.effects
        let remembered = TextSink()
        effects.remember = { remembered.append($0) }
        _ = h.take()

        effects.editor = ExternalEditor(environment: ["EDITOR": "sed -i s/2+2/3+3/"])
        h.answers.append("n")
        _ = await effects.perform(.editPrompt, on: &state)
        #expect(h.take().contains("edited prompt:\nWhat is 3+3?"))
        #expect(remembered.take() == "What is 3+3?")
        #expect(state.lastTurnNumber == 1, "declined, so nothing was asked")
        _ = await effects.perform(.editPrompt, on: &state)
        #expect(state.lastTurnNumber == 2)
        #expect(try await h.runtime.store.turn(session: state.session.id, number: 2)?.turn.prompt == "What is 3+3?")

        effects.editor = ExternalEditor(environment: ["EDITOR": "exit 3"])
        _ = await effects.perform(.editPrompt, on: &state)
        #expect(h.take().contains("error: the editor 'exit 3' exited with status 3 — nothing asked"))
        #expect(state.lastTurnNumber == 2)
    }

    @Test func copyUsesAClipboardProgramOrTheTerminal() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        _ = try await h.runtime.store.createSession(named: "s")
        var state = try await h.state(of: "s")
        await h.type("What is 2+2?", &state)
        _ = h.take()

        // An X11 session with xclip: a stand-in that keeps what it is given.
        let bin = h.home.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let kept = h.home.appendingPathComponent("clipboard").path
        let xclip = bin.appendingPathComponent("xclip").path
        try "#!/bin/sh\ncat > '\(kept)'\n".write(toFile: xclip, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: xclip)
        var effects = h.effects
        effects.clipboard = Clipboard(environment: ["DISPLAY": ":0", "PATH": bin.path + ":/usr/bin:/bin"])
        // A script written a moment ago can fail to start with ETXTBSY while another test forks (Linux):
        // a second try covers that race, which is the machine's, not the clipboard code's.
        for _ in 0..<3 where (try? String(contentsOfFile: kept, encoding: .utf8)) == nil {
            _ = await effects.perform(.copy(turn: 1, model: nil), on: &state)
        }
        #expect(try String(contentsOfFile: kept, encoding: .utf8) == "The council says four.")
        #expect(h.take().contains("copied the final answer of turn 1 (22 characters) with xclip"))

        // Without a number: the newest turn that has a final answer, not a later cancelled one.
        let cancelled = try await h.runtime.store.beginTurn(session: state.session.id, prompt: "cut short", tier: "balanced", models: [])
        try await h.runtime.store.finishTurn(turn: cancelled.id!, status: .cancelled, finalAnswer: nil, synthesised: false,
                                             chairman: nil, ranking: nil, usage: Usage())
        state.lastTurnNumber = 2
        try "".write(toFile: kept, atomically: true, encoding: .utf8)
        _ = await effects.perform(.copy(turn: nil, model: nil), on: &state)
        #expect(try String(contentsOfFile: kept, encoding: .utf8) == "The council says four.")
        _ = h.take()

        // No display: the terminal's clipboard, by OSC 52.
        effects.clipboard = Clipboard(environment: ["PATH": bin.path])
        _ = await effects.perform(.copy(turn: 1, model: "bravo"), on: &state)
        let printed = h.take()
        let encoded = Data("Four, says bravo.".utf8).base64EncodedString()
        #expect(printed.contains("\u{1B}]52;c;\(encoded)\u{07}"), "\(printed)")
        #expect(printed.contains("copied bravo's answer in turn 1 (17 characters) with the terminal (OSC 52)"))
    }

    @Test func resettingABreakerIsSavedForTheNextRun() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        _ = try await h.runtime.store.createSession(named: "s")
        var state = try await h.state(of: "s")
        for _ in 0..<5 { await h.runtime.breakers.recordFailure("bravo") }
        await h.runtime.sharedBreakers.save()
        #expect(try await h.runtime.store.loadBreakers()["bravo"]?.state != .closed)

        await h.type("/breakers reset bravo", &state)
        #expect(try await h.runtime.store.loadBreakers()["bravo"]?.state ?? .closed == .closed)
        #expect(h.take().contains("breaker reset: bravo"))
        await h.type("/breakers", &state)
        let row = h.take().split(separator: "\n").first { $0.hasPrefix("bravo ") }
        #expect(row?.contains("closed") == true, "\(row ?? "no row for bravo")")
    }

    /// Another process opened a breaker of a model this one has not called: `/breakers` and `/models`
    /// show it, as a turn reads only the breakers of the models it calls.
    @Test func breakersAndModelsShowWhatAnotherProcessSaved() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        _ = try await h.runtime.store.createSession(named: "s")
        var state = try await h.state(of: "s")
        var other = CircuitBreaker()
        for _ in 0..<5 { _ = other.recordFailure(at: EpochInstant(Date()), policy: .default) }
        try await h.runtime.store.saveBreakers(["charlie": other])
        await h.type("/breakers", &state)
        let row = h.take().split(separator: "\n").first { $0.hasPrefix("charlie ") }
        #expect(row?.contains("open") == true, "\(row ?? "no row for charlie")")
    }
}
