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

    @Test func aWindowIsSavedAsTwoListsAndComesBackAsItWas() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        let start = EpochInstant(sinceEpoch: .milliseconds(1_700_000_000_123) + .nanoseconds(456))
        let samples = [false, true, false, false].enumerated().map {
            CircuitBreaker.Sample(at: start.advanced(by: .microseconds(1_500 * $0.offset)), failed: $0.element)
        }
        let breaker = CircuitBreaker(state: .open(until: start.advanced(by: .seconds(1800))), samples: samples)
        try await store.saveBreakers(["m": breaker])

        #expect(try await store.loadBreakers() == ["m": breaker])
        let saved = try #require(try await store.pool.read { db in try String.fetchOne(db, sql: "SELECT state FROM breakers") })
        #expect(saved.contains(#""failed":[false,true,false,false]"#), "\(saved)")
        #expect(saved.contains(#""at":[1700000000123000456,1700000000124500456,"#), "nanoseconds, one list: \(saved)")
        #expect(!saved.contains("samples"), "not an object per request: \(saved)")
    }

    @Test func aBreakerSavedInTheOlderFormStillLoads() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        // The form before: the synthesized coding of `state` and `samples`, an object per request.
        struct Older: Encodable { var state: CircuitBreaker.State; var samples: [CircuitBreaker.Sample] }
        let samples: [CircuitBreaker.Sample] = [.init(at: EpochInstant(sinceEpoch: .seconds(1_700_000_000)), failed: true),
                                                .init(at: EpochInstant(sinceEpoch: .seconds(1_700_000_001)), failed: false)]
        let older = String(decoding: try JSONEncoder().encode(Older(state: .closed, samples: samples)), as: UTF8.self)
        #expect(older.contains(#""samples":[{"#) && older.contains(#""at":{"sinceEpoch":["#))
        _ = try await store.pool.write { db in
            try db.execute(sql: "INSERT INTO breakers (model, state, updated) VALUES ('m', ?, '2026-11-26 04:00:00.000')", arguments: [older])
        }
        let loaded = try #require(try await store.loadBreakers()["m"])
        #expect(loaded.state == .closed)
        #expect(loaded.samples == samples)
    }

    @Test func aTurnRereadsBreakersOnlyWhenAnotherProcessWroteOrAModelIsNew() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        let other = try database.open()  // another process: its own connections to the same file
        let session = try await store.createSession(named: "s").id!
        let open = CircuitBreaker(state: .open(until: EpochInstant(sinceEpoch: .seconds(4_000_000_000))), samples: [])
        try await other.saveBreakers(["a": open, "c": open])
        func begin(_ called: [ModelID]) async throws -> [ModelID: CircuitBreaker]? {
            _ = try await store.beginTurn(session: session, prompt: "p", tier: "t", models: called)
            return try await store.changedBreakers(of: called)
        }

        #expect(try await begin(["a", "b"]) == ["a": open])
        #expect(try await begin(["a", "b"]) == [:], "nothing changed: nothing read")
        try await store.saveBreakers(["b": CircuitBreaker()])
        #expect(try await begin(["a", "b"]) == [:], "its own save is not news to it")
        #expect(try await begin(["a", "c"]) == ["c": open], "a model not read before is read")
        let reopened = CircuitBreaker(state: .open(until: EpochInstant(sinceEpoch: .seconds(4_000_000_100))), samples: [])
        try await other.saveBreakers(["a": reopened])
        #expect(try await begin(["a", "b"])?["a"] == reopened, "another process wrote: read again")
    }
}
