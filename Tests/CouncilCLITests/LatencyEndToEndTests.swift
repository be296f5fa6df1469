import CouncilCLI
import CouncilCore
import CouncilStore
import CouncilTestSupport
import Foundation
import Synchronization
import Testing

/// `hedge_after` and `timeout: auto` through the binary, as a user sets them: what is sent, what is
/// shown, what is stored.
@Suite(.serialized, .timeLimit(.minutes(2))) struct LatencyEndToEndTests {
    /// charlie's first request lands on a "slow backend" and never sends a token; with `--hedge-after
    /// 0.5` it is sent once more, the copy answers, the stuck one is closed, and the turn ends well.
    @Test func aStuckRequestIsHedgedOnceAndTheCopyAnswers() async throws {
        let calls = Mutex<[ModelID: Int]>([:])
        let server = try await CouncilBinary.council(generation: { request in
            let call = calls.withLock { $0[request.model, default: 0] += 1; return $0[request.model]! }
            guard request.model == "charlie" else { return .stream("Answer from \(request.model).") }
            return call == 1 ? .hang() : .stream("Charlie's hedged answer.")
        })
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }

        let run = try await CouncilBinary.run(["ask", "--hedge-after", "0.5", "What is 2+2?"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Final."))
        #expect(run.stderr.contains("generation: charlie ↻ hedged after 0.5 s"), "\(run.stderr)")
        // On a loaded machine a quick model may be hedged too; none is sent more than twice.
        let sent = calls.withLock { $0 }
        #expect(sent["charlie"] == 2 && sent.values.allSatisfy { $0 <= 2 }, "one extra request at most: \(sent)")
        #expect(await server.disconnect(of: "charlie") != nil, "the stuck first request was not closed")

        let store = try CouncilStore(path: home.appendingPathComponent("council/council.db").path)
        let session = try #require(try await store.session(named: "ask"))
        let turn = try #require(try await store.turn(session: session.id!, number: 1))
        let charlie = try #require(turn.results.first { $0.model == "charlie" && $0.stage == .generation })
        #expect(charlie.outcome == .arrived && charlie.text == "Charlie's hedged answer.")
        #expect(charlie.hedgedAfterMilliseconds == 500)
        #expect(charlie.firstTokenMilliseconds != nil)
        let others = turn.results.filter { $0.model != "charlie" && $0.stage == .generation }
        // A copy the server saw is stored as a hedge (one cancelled before it arrived may be stored too).
        #expect(others.allSatisfy { sent[$0.model] != 2 || $0.hedgedAfterMilliseconds != nil }, "a hedge sent was not stored")
        await server.stop()
    }

    /// With 20 stored answers of about 100 ms each, `--timeout auto` gives charlie the floor (5 s), not
    /// the tier's 30 s: a hanging charlie is cut at 5 s and the turn goes on.
    @Test func autoTimeoutFromStoredAnswersCutsAHangingModelAtItsOwnLimit() async throws {
        let server = try await CouncilBinary.council(generation: { request in
            request.model == "charlie" ? .hang() : .stream("Answer from \(request.model).")
        })
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        try FileManager.default.createDirectory(at: home.appendingPathComponent("council"), withIntermediateDirectories: true)
        let store = try CouncilStore(path: home.appendingPathComponent("council/council.db").path)
        let earlier = try await store.createSession(named: "earlier").id!
        let turn = try await store.beginTurn(session: earlier, prompt: "p", tier: "balanced", models: ["alpha", "bravo", "charlie"]).id!
        for step in 1...LatencyPlanner.minimumSamples {
            for model: ModelID in ["alpha", "bravo", "charlie"] {
                try await store.appendResult(turn: turn, stage: .generation, model: model, outcome: .arrived,
                                             text: "x", latency: .milliseconds(90 + step))
            }
        }

        let run = try await CouncilBinary.run(["ask", "--timeout", "auto", "What is 2+2?"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("generation: charlie timed out after 5."), "\(run.stderr)")
        #expect(!run.stderr.contains("after 30"), "the tier's timeout was used")
        await server.stop()
    }
}
