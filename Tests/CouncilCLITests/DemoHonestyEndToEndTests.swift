import Foundation
import Testing
import CouncilCore
import CouncilTestSupport
import GRDB

/// Nothing simulated passes for real: with a configuration whose models cannot be called, asking is
/// an error naming what to set, never demo text on stdout with exit 0.
@Suite(.serialized, .timeLimit(.minutes(2))) struct DemoHonestyEndToEndTests {
    @Test func aConfigurationWithoutItsKeyIsAnErrorNotTheDemo() async throws {
        let server = try await ScriptedServer.start { _ in .stream("real answer") }
        var (environment, home) = try CouncilBinary.environment(server: server, apiKey: "unused")
        defer { try? FileManager.default.removeItem(at: home) }
        environment["LOCAL_KEY"] = nil  // the configuration names LOCAL_KEY; it is not set

        let ask = try await CouncilBinary.run(["ask", "What is 2+2?"], environment: environment)
        #expect(ask.status == 1)
        #expect(ask.stdout.isEmpty, "nothing on stdout: \(ask.stdout)")
        #expect(ask.stderr.contains("set LOCAL_KEY") && ask.stderr.contains("--demo"), "\(ask.stderr)")
        #expect(!ask.stderr.contains("[demo]"))

        let chat = try await CouncilBinary.run([], environment: environment, stdin: "What is 2+2?\n")
        #expect(chat.status == 1 && chat.stdout.isEmpty, "\(chat.stdout)\(chat.stderr)")

        // Inspecting the configuration still works, and says what is missing.
        let config = try await CouncilBinary.run(["config"], environment: environment)
        #expect(config.status == 0)
        #expect(config.stdout.contains("LOCAL_KEY"))

        // Asked for by name, the demo runs and says so on every line.
        let demo = try await CouncilBinary.run(["ask", "--demo", "What is 2+2?"], environment: environment)
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.hasPrefix("[demo]"))
        #expect(server.requests.isEmpty, "no request was sent anywhere")
        await server.stop()
    }

    @Test func theDemoKeepsNoBreakerStateBetweenRuns() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("council-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = CouncilBinary.bareEnvironment(home: home)
        let run = try await CouncilBinary.run(["ask", "--demo", "What is a monad?"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("demo/flaky") && run.stderr.contains("demo/stalling"), "names that say what they do")
        let database = try DatabaseQueue(path: home.appendingPathComponent("council/council.db").path)
        let saved = try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM breakers") }
        #expect(saved == 0, "the demo's simulated outages are not stored")
    }
}
