import CouncilCore
import CouncilStore
import CouncilTestSupport
import Foundation
import Synchronization
import Testing

/// kill -9 the moment a result is on the screen: the result is in the database already, because a
/// result is shown only once it is stored.
@Suite(.timeLimit(.minutes(2))) struct ShownIsStoredEndToEndTests {
    @Test func sigkillRightAfterAResultIsShownLosesNothingShown() async throws {
        let server = try await ScriptedServer.start { request in
            request.model == "alpha" ? .stream("Alpha's answer.") : .hang()
        }
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }

        let errors = Pipe()
        let process = try CouncilBinary.start(["ask", "a question worth keeping"], environment: environment, errors: errors)
        // Read on a thread of its own: a blocking read must not hold a thread of the concurrency pool.
        let shown = Mutex("")
        let reader = errors.fileHandleForReading
        Thread {
            while case let data = reader.availableData, !data.isEmpty {
                shown.withLock { $0 += String(decoding: data, as: UTF8.self) }
            }
        }.start()

        let appeared = await waitUntil { shown.withLock { $0 }.contains("generation: alpha arrived") || !process.isRunning }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(appeared && process.terminationReason == .uncaughtSignal, "killed while alpha's answer was on the screen:\n\(shown.withLock { $0 })")

        let store = try CouncilStore(path: home.appendingPathComponent("council/council.db").path)
        let session = try #require(try await store.session(named: "ask"))
        let turn = try #require(try await store.turn(session: session.id!, number: 1))
        #expect(turn.turn.prompt == "a question worth keeping")
        #expect(turn.results.contains { $0.model == "alpha" && $0.outcome == .arrived && $0.text == "Alpha's answer." },
                "what was shown was stored: \(turn.results.map(\.model))")
        await server.stop()
    }
}
