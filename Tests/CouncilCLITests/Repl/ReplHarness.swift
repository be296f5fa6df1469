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
    /// The environment the harness's runtime started with: a binary run with it shares the database.
    let environment: [String: String]
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
        self.environment = environment
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
