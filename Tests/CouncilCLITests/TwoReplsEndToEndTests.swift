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
        // The database exists before the two start: opening a new file at once is the next test's subject.
        _ = try await CouncilBinary.run(["sessions", "list"], environment: environment)

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

    /// Processes started together on a fresh install: the WAL switch and the migrations are raced.
    /// The loser of the switch is answered SQLITE_BUSY at once, and the loser of the migrations finds
    /// a table the winner just made; each must open anyway.
    /// Rounds: the race is lost only now and then, so one round alone would rarely catch a regression.
    @Test(arguments: 0..<3) func processesOpeningANewDatabaseAtOnceAllStart(round: Int) async throws {
        let server = try await CouncilBinary.council()
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        try await withThrowingTaskGroup(of: CouncilBinary.Run.self) { group in
            for index in 0..<3 {
                group.addTask { try await CouncilBinary.run(["--session", "s\(index)"], environment: environment, stdin: "question \(index)\n") }
            }
            for try await run in group { #expect(run.status == 0, "round \(round): \(run.stderr)") }
        }
        await server.stop()
    }
}
