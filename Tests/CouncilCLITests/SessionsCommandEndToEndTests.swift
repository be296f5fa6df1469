import Foundation
import Testing
import CouncilCore
import CouncilTestSupport
import GRDB

/// `council sessions list|show|export|delete` as a script runs them: exit codes, stdout, stored state.
@Suite(.serialized, .timeLimit(.minutes(2))) struct SessionsCommandEndToEndTests {
    @Test func listShowExportAndDeleteWithForce() async throws {
        let server = try await CouncilBinary.council()
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        #expect(try await CouncilBinary.run(["ask", "What is 2+2?"], environment: environment).status == 0)

        let list = try await CouncilBinary.run(["sessions"], environment: environment)
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").contains { $0.hasPrefix("ask ") && $0.contains(" 1 ") }, "\(list.stdout)")

        let show = try await CouncilBinary.run(["sessions", "show", "ask"], environment: environment)
        #expect(show.status == 0 && show.stdout.contains("prompt: What is 2+2?"))

        let export = try await CouncilBinary.run(["sessions", "export", "ask", "--format", "json"], environment: environment)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any])
        #expect((document["turns"] as? [[String: Any]])?.count == 1)

        let missing = try await CouncilBinary.run(["sessions", "show", "aks"], environment: environment)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no session 'aks' — did you mean ask?"), "\(missing.stderr)")

        let refused = try await CouncilBinary.run(["sessions", "delete", "ask"], environment: environment)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("has 1 turn; add --force"), "\(refused.stderr)")
        let kept = try await CouncilBinary.run(["sessions"], environment: environment)
        #expect(kept.stdout.contains("ask"))

        let deleted = try await CouncilBinary.run(["sessions", "delete", "ask", "--force"], environment: environment)
        #expect(deleted.status == 0, "\(deleted.stderr)")
        let after = try await CouncilBinary.run(["sessions"], environment: environment)
        #expect(!after.stdout.contains("ask"))
        await server.stop()
    }

    @Test func aDatabaseErrorIsNotReportedAsAMissingSession() async throws {
        let server = try await ScriptedServer.start { _ in .stream("x") }
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        #expect(try await CouncilBinary.run(["ask", "Hello?"], environment: environment).status != 2)
        // Damage the store the way a disk or another program might: the session is there, its turns not.
        let queue = try DatabaseQueue(path: home.appendingPathComponent("council/council.db").path)
        try await queue.write { db in try db.execute(sql: "PRAGMA foreign_keys = OFF; DROP TABLE model_results; DROP TABLE turns") }
        let run = try await CouncilBinary.run(["sessions", "show", "ask"], environment: environment)
        #expect(run.status == 1)
        #expect(!run.stderr.contains("no session"), "\(run.stderr)")
        #expect(run.stderr.contains("no such table"), "\(run.stderr)")
        await server.stop()
    }
}
