import CouncilCore
import Foundation
import Testing
@testable import CouncilStore

@Suite struct BreakerPersistenceTests {
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

    @Test func savingReplacesTheWholeBoard() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        try await store.saveBreakers(["a": CircuitBreaker(), "b": CircuitBreaker()])
        try await store.saveBreakers(["b": CircuitBreaker()])
        #expect(try await store.loadBreakers().keys.sorted() == ["b"])
    }
}
