import Synchronization
import Testing
import CouncilCore
import CouncilTestSupport

/// A model's own timeout, shorter than the stage's, on the injected clock over real HTTP.
@Suite(.timeLimit(.minutes(1))) struct ModelTimeoutTests {
    /// Both models hang: at 1 s (the injected clock) the one with its own timeout is cut, counted against
    /// its breaker and its connection closed, while the other waits on until the stage's 30 s. Nothing
    /// here races real time.
    @Test func aModelsOwnTimeoutCutsItAloneAndCountsAgainstItsBreaker() async throws {
        try await withServer(["short": .hang(), "other": .hang()]) { server in
            let clock = TestClock()
            let board = BreakerBoard(policy: BreakerPolicy(minimumRequests: 1), clock: clock)
            let provider = client(server)
            let order = Mutex<[ModelID]>([])
            let running = Task {
                await ParallelFanOut(breakers: board, clock: clock).run(
                    models: ["short", "other"], settings: FanOutSettings(perModelTimeout: .seconds(30), modelTimeouts: ["short": .seconds(1)]),
                    call: { model in try await provider.complete(model: model, messages: [.user("Q?")]) },
                    onResult: { result in order.withLock { $0.append(result.model) } })
            }
            #expect(await waitUntil { server.requests.count == 2 && clock.sleeperCount == 2 }, "the requests or the timers never came")
            clock.advance(by: .seconds(1))
            #expect(await waitUntil { order.withLock { $0 } == ["short"] }, "the short timeout did not cut its model")
            #expect(await server.disconnect(of: "short") != nil)
            #expect(order.withLock { $0 } == ["short"] && !server.disconnects.contains { $0.model == "other" },
                    "the other model was cut with it")
            clock.advance(by: .seconds(29))
            let results = await finished(running)
            #expect(results.first { $0.model == "short" }?.outcome == .timedOut(after: .seconds(1)))
            #expect(results.first { $0.model == "other" }?.outcome == .timedOut(after: .seconds(30)))
            #expect(await board.breaker("short").samples.map(\.failed) == [true])
        }
    }

    /// A model's timeout is never longer than the stage's.
    @Test func anOwnTimeoutLongerThanTheStagesChangesNothing() async throws {
        try await withServer(["slow": .hang()]) { server in
            let clock = TestClock()
            let provider = client(server)
            let running = Task {
                await ParallelFanOut(breakers: BreakerBoard(clock: clock), clock: clock).run(
                    models: ["slow"], settings: FanOutSettings(perModelTimeout: .seconds(2), modelTimeouts: ["slow": .seconds(60)]),
                    call: { model in try await provider.complete(model: model, messages: [.user("Q?")]) })
            }
            #expect(await waitUntil { server.requests.count == 1 && clock.sleeperCount == 1 }, "one timer only: the stage's")
            clock.advance(by: .seconds(2))
            #expect(await finished(running).first?.outcome == .timedOut(after: .seconds(2)))
        }
    }
}
