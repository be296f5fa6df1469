import CouncilCore
import CouncilTestSupport
import Foundation
import Testing
@testable import CouncilStore

@Suite(.timeLimit(.minutes(2))) struct BreakerPersistenceTests {
    @Test func anOpenBreakerStaysOpenForItsRemainingCooldownAfterARestart() async throws {
        let database = try TemporaryDatabase()
        let clock = TestClock()
        let policy = BreakerPolicy()  // opens for 30 minutes
        let board = BreakerBoard(policy: policy, clock: clock)
        for _ in 0..<5 { await board.recordFailure("flaky") }
        await board.recordSuccess("fine")
        #expect(await board.status("flaky") == .blocked(remaining: .seconds(1800)))

        clock.advance(by: .seconds(600))  // opened 10 minutes ago
        try await database.open(clock: clock).saveBreakers(await board.snapshot())

        let loaded = try await database.open(clock: clock).loadBreakers()
        #expect(loaded == (await board.snapshot()))
        let restored = BreakerBoard(policy: policy, clock: clock, restoring: loaded)
        #expect(await restored.status("flaky") == .blocked(remaining: .seconds(1200)))
        #expect(await restored.status("fine") == .allowed)
        #expect(await restored.breaker("fine").samples.count == 1)

        clock.advance(by: .seconds(1200))
        #expect(await restored.permit("flaky") == .trial)
    }

    @Test func savingKeepsModelsAnotherProcessSaved() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        let open = CircuitBreaker(state: .open(until: EpochInstant(sinceEpoch: .seconds(99))), samples: [])
        try await store.saveBreakers(["a": open, "b": open])
        try await store.saveBreakers(["b": CircuitBreaker()])
        let loaded = try await store.loadBreakers()
        #expect(loaded == ["a": open, "b": CircuitBreaker()])
    }
}
