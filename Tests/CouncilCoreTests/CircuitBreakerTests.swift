import Foundation
import Testing
import CouncilCore
import CouncilTestSupport

@Suite struct CircuitBreakerTests {
    let policy = BreakerPolicy()  // the seed's: > 25 % of ≥ 5 requests in 10 min opens for 30 min
    let clock = TestClock()

    private func board() -> BreakerBoard { BreakerBoard(policy: policy, clock: clock) }

    @Test func seedNumbersAreTheDefaults() {
        #expect(policy == BreakerPolicy(failureThreshold: 0.25, window: .seconds(600), minimumRequests: 5, cooldown: .seconds(1800)))
    }

    @Test func opensAboveTheThresholdOnceTheWindowHoldsEnoughRequests() async {
        let board = board()
        for _ in 0..<3 { await board.recordSuccess("m") }
        await board.recordFailure("m")
        #expect(await board.permit("m") == .allowed, "1 of 4 is below the minimum sample count")
        await board.recordFailure("m")  // 2 of 5 = 40 % > 25 %
        #expect(await board.permit("m") == .blocked(remaining: .seconds(1800)))
        clock.advance(by: .seconds(600))
        #expect(await board.permit("m") == .blocked(remaining: .seconds(1200)))
    }

    @Test func doesNotOpenBelowTheMinimumSampleCount() async {
        let board = board()
        for _ in 0..<4 { await board.recordFailure("m") }  // 100 % of 4
        #expect(await board.permit("m") == .allowed)
    }

    @Test func exactlyTheThresholdDoesNotOpen() async {
        let board = board()
        for _ in 0..<3 { await board.recordSuccess("m") }
        await board.recordFailure("m")
        #expect(await board.permit("m") == .allowed)
        // 1 failure in 4 successes + 1 = 20 %; add a success then a failure: 2 of 8 = 25 %, not above.
        for _ in 0..<3 { await board.recordSuccess("m") }
        await board.recordFailure("m")
        #expect(await board.permit("m") == .allowed)
    }

    @Test func oldRequestsLeaveTheWindow() async {
        let board = board()
        for _ in 0..<4 { await board.recordFailure("m") }
        clock.advance(by: .seconds(601))
        await board.recordSuccess("m")
        #expect(await board.breaker("m").samples.count == 1)
        #expect(await board.permit("m") == .allowed)
    }

    @Test func halfOpenTrialSuccessCloses() async {
        let board = board()
        for _ in 0..<5 { await board.recordFailure("m") }
        clock.advance(by: .seconds(1799))
        #expect(await board.permit("m") == .blocked(remaining: .seconds(1)))
        clock.advance(by: .seconds(1))
        #expect(await board.permit("m") == .trial)
        #expect(await board.permit("m") == .blocked(remaining: .zero), "only one trial at a time")
        await board.recordSuccess("m")
        #expect(await board.breaker("m").state == .closed)
        #expect(await board.permit("m") == .allowed)
    }

    @Test func halfOpenTrialFailureOpensForANewCooldown() async {
        let board = board()
        for _ in 0..<5 { await board.recordFailure("m") }
        clock.advance(by: .seconds(1800))
        #expect(await board.permit("m") == .trial)
        clock.advance(by: .seconds(5))
        await board.recordFailure("m")
        #expect(await board.permit("m") == .blocked(remaining: .seconds(1800)))
    }

    @Test func cancelledTrialLetsAnotherTrialThrough() async {
        let board = board()
        for _ in 0..<5 { await board.recordFailure("m") }
        clock.advance(by: .seconds(1800))
        #expect(await board.permit("m") == .trial)
        await board.recordCancellation("m")
        #expect(await board.permit("m") == .trial)
    }

    @Test func allFourNumbersAreConfigurable() async {
        let custom = BreakerBoard(policy: BreakerPolicy(failureThreshold: 0.5, window: .seconds(10), minimumRequests: 2, cooldown: .seconds(7)), clock: clock)
        await custom.recordSuccess("m")
        await custom.recordFailure("m")  // 50 %, not above 0.5
        #expect(await custom.permit("m") == .allowed)
        await custom.recordFailure("m")  // 67 %
        #expect(await custom.permit("m") == .blocked(remaining: .seconds(7)))
    }

    @Test func stateIsAPlainValueThatSurvivesASaveAndRestore() async throws {
        let board = board()
        for _ in 0..<5 { await board.recordFailure("m") }
        clock.advance(by: .seconds(600))
        let saved = try JSONEncoder().encode(await board.snapshot())
        let restored = BreakerBoard(policy: policy, clock: clock,
                                    restoring: try JSONDecoder().decode([ModelID: CircuitBreaker].self, from: saved))
        #expect(await restored.permit("m") == .blocked(remaining: .seconds(1200)))
    }

    @Test func timeoutsAndErrorsCountButCancellationDoesNot() async throws {
        let board = BreakerBoard(policy: BreakerPolicy(minimumRequests: 2), clock: clock)
        let fanOut = ParallelFanOut(breakers: board)
        let settings = FanOutSettings(perModelTimeout: .seconds(30))
        _ = await fanOut.run(models: ["m"], settings: settings) { _ in throw ChatError.malformedResponse("junk") }
        #expect(await board.breaker("m").samples.map(\.failed) == [true])
        let task = Task { await fanOut.run(models: ["m"], settings: settings) { _ in try await Task.sleep(for: .seconds(60)); return ChatCompletion(text: "") } }
        try await Task.sleep(for: .milliseconds(20))
        task.cancel()
        #expect(await task.value.first?.outcome == .cancelled(.user))
        #expect(await board.breaker("m").samples.count == 1)
    }
}
