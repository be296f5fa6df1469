import Foundation
import Testing
import CouncilCLI
import CouncilCore
import CouncilTestSupport

/// How `council serve` lets go of a turn: a client of a whole answer that leaves cancels it, and a stop
/// (SIGTERM) lets the turns in flight finish within `serve.stop_deadline`, then (or at a second signal)
/// cancels them.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ServeStopEndToEndTests {
    typealias Serve = ServeEndToEndTests

    @Test func aClientOfAWholeAnswerThatLeavesCancelsItsTurn() async throws {
        let gate = ReplyGate()
        let server = try await CouncilBinary.council(generation: { _ in .gated(gate, .stream("late")) })
        let served = try await Serve.Served(server: server)
        defer { served.stop() }
        let url = served.base + "/chat/completions"
        let leaving = Task { try await Serve.send(url, Serve.question) }
        #expect(await waitUntil { server.requests.count == 3 })
        leaving.cancel()  // the client closes its connection before the answer
        #expect(await waitUntil { server.disconnects.count == 3 }, "every provider request closed once its client left")
        #expect(await waitUntil { served.stderr.contains("council serve: 499 council · the client left") }, "\(served.stderr)")
        #expect(!served.stderr.contains("council serve: 503"), "the client left; the server did not stop: \(served.stderr)")
        gate.open()
        // The server goes on serving.
        #expect(try await Serve.send(served.base + "/models", method: .GET).status == 200)
        await server.stop()
    }

    @Test func aStopLetsTheTurnInFlightFinish() async throws {
        let gate = ReplyGate()
        let server = try await CouncilBinary.council(generation: { _ in .gated(gate, .stream("in time")) })
        let served = try await Serve.Served(server: server, config: "serve: {stop_deadline: 60}")
        defer { served.stop() }
        let url = served.base + "/chat/completions"
        let inFlight = Task { try await Serve.send(url, Serve.question) }
        #expect(await waitUntil { server.requests.count == 3 })
        kill(served.process.processIdentifier, SIGTERM)
        await #expect(throws: (any Error).self, "no new connection once stopping") {
            _ = try await Serve.send(served.base + "/models", method: .GET)
        }
        gate.open()
        let answered = try await inFlight.value
        #expect(answered.status == 200, "\(answered.body)")
        #expect(await waitUntil { !served.process.isRunning })
        #expect(served.process.terminationStatus == 0)
        await server.stop()
    }

    /// Past the deadline, or at a second signal, the turns are cancelled; each client is told so, a
    /// stream by an `error` event, and the turns are stored as cancelled.
    @Test(arguments: [("0.5", 1), ("60", 2)])
    func pastTheStopDeadlineOrAtASecondSignalTheTurnsAreCancelled(deadline: String, signals: Int) async throws {
        let server = try await CouncilBinary.council(generation: { _ in .hang() })
        let served = try await Serve.Served(server: server, config: "serve: {stop_deadline: \(deadline)}")
        defer { served.stop() }
        let url = served.base + "/chat/completions"
        let whole = Task { try await Serve.send(url, Serve.question) }
        let streamed = Task { try await Serve.send(url, Serve.question.replacingOccurrences(of: #""model""#, with: #""stream":true,"model""#)) }
        #expect(await waitUntil { server.requests.count == 6 })
        for _ in 0..<signals {
            kill(served.process.processIdentifier, SIGTERM)
            try await Task.sleep(for: .milliseconds(100))
        }
        let stopped = try await whole.value
        #expect(stopped.status == 503 && stopped.body.contains("stopped before the turn finished"), "\(stopped.body)")
        #expect(stopped.headers.first(name: "x-should-retry") == "false", "a retry would meet a server that is gone")
        let stream = try await streamed.value.body
        #expect(stream.contains(#"data: {"error":{"code":"server_stopping""#) && stream.hasSuffix("data: [DONE]\n\n"), "\(stream)")
        #expect(await waitUntil { server.disconnects.count == 6 }, "every provider request closed")
        #expect(await waitUntil { !served.process.isRunning })

        let export = try await CouncilBinary.run(["sessions", "export", SessionNames.daily("serve"), "--format", "json"], environment: served.environment)
        #expect(export.stdout.components(separatedBy: "\"cancelled\"").count - 1 >= 2, "both turns stored as cancelled: \(export.stdout)")
        await server.stop()
    }
}
