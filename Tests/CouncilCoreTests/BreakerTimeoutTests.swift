import Testing
import CouncilCore
import CouncilTestSupport

/// A model that never answers within its per-model timeout is unavailable, just like one that
/// errors: the timeout counts against its breaker. A whole turn over real HTTP.
@Suite(.timeLimit(.minutes(1))) struct BreakerTimeoutTests {
    @Test func aPerModelTimeoutCountsAgainstTheBreaker() async throws {
        try await withServer(script: { request in
            if request.model == "mute" { return .hang() }
            if CouncilRequestView(request).kind == .generation { return .stream("Answer by \(request.model).") }
            return CouncilScript(answers: [:], review: { _, view in .stream(view.ranking { $0.count }) }).reply(to: request)
        }) { server in
            let board = BreakerBoard(policy: BreakerPolicy(minimumRequests: 1), clock: TestClock())
            let council = Council(router: ModelRouter(models: ["alpha", "bravo", "mute"], provider: client(server)), breakers: board, shuffleSeed: 1)
            // Every answer is awaited, so the only way past `mute` is its own timeout.
            let result = await council.run(CouncilRequest(question: "Q?", models: ["alpha", "bravo", "mute"], minResponses: 3,
                                                          perModelTimeout: .seconds(1), budget: .seconds(30))) { _ in }
            let mute = try #require(result.generation.first { $0.model == "mute" })
            #expect(mute.outcome == .timedOut(after: .seconds(1)))
            let samples = await board.breaker("mute").samples
            #expect(!samples.isEmpty && samples.allSatisfy(\.failed), "a timeout is a failure of the model: \(samples)")
            if case .open = await board.breaker("mute").state {} else { Issue.record("one failure in a window of one opens the breaker") }
        }
    }
}
