import Foundation
import GRDB
import Testing
import CouncilCore
import CouncilTestSupport

/// Two REPLs in two processes on one database, as two terminals would be, each fed its questions
/// through a pipe: every turn of both is kept, and each session's turns are numbered without gaps,
/// whether the two work in sessions of their own or in one.
@Suite(.serialized, .timeLimit(.minutes(3))) struct TwoReplsEndToEndTests {
    @Test(arguments: [["left", "right"], ["shared", "shared"]])
    func twoReplsLoseNoTurnAndNumberWithoutGaps(_ sessions: [String]) async throws {
        let server = try await CouncilBinary.council()
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let perRepl = 4

        try await withThrowingTaskGroup(of: CouncilBinary.Run.self) { group in
            for (repl, session) in sessions.enumerated() {
                let questions = (0..<perRepl).map { "repl \(repl) question \($0)\n" }.joined()
                group.addTask { try await CouncilBinary.run(["--session", session], environment: environment, stdin: questions) }
            }
            for try await run in group { #expect(run.status == 0, "\(run.stderr)") }
        }

        let database = try DatabaseQueue(path: home.appendingPathComponent("council/council.db").path)
        let rows = try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT s.name, t.number, t.prompt, t.status FROM turns t JOIN sessions s ON s.id = t.session_id")
        }
        let prompts = Set(rows.map { $0["prompt"] as String })
        #expect(prompts.count == 2 * perRepl, "no turn lost: \(prompts.sorted())")
        #expect(rows.allSatisfy { ($0["status"] as String) == "complete" }, "\(rows)")
        for session in Set(sessions) {
            let numbers = rows.filter { ($0["name"] as String) == session }.map { $0["number"] as Int }.sorted()
            let expected = sessions.filter { $0 == session }.count * perRepl
            #expect(numbers == Array(1...expected), "session '\(session)' numbered with gaps or twice: \(numbers)")
        }
        await server.stop()
    }
}
