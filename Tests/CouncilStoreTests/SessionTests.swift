import CouncilCore
import CouncilTestSupport
import Foundation
import GRDB
import Testing
@testable import CouncilStore

@Suite(.timeLimit(.minutes(2))) struct SessionTests {
    let clock = TestClock()

    @Test func namesAreUnique() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open(clock: clock)
        _ = try await store.createSession(named: "a")
        let b = try await store.createSession(named: "b")
        await #expect(throws: StoreError.sessionNameTaken("a")) { try await store.createSession(named: "a") }
        await #expect(throws: StoreError.sessionNameTaken("a")) { try await store.renameSession(id: b.id!, to: "a") }
    }

    @Test func renameKeepsTheTurns() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open(clock: clock)
        let session = try await store.createSession(named: "old")
        _ = try await store.beginTurn(session: session.id!, prompt: "p", tier: "t", models: [])
        try await store.renameSession(id: session.id!, to: "new")

        let reopened = try database.open(clock: clock)
        #expect(try await reopened.session(named: "old") == nil)
        let renamed = try #require(try await reopened.session(named: "new"))
        #expect(renamed.id == session.id)
        #expect(try await reopened.turns(session: session.id!).count == 1)
        await #expect(throws: StoreError.sessionNotFound(999)) { try await store.renameSession(id: 999, to: "x") }
    }

    @Test func deleteCascadesToTurnsAndResults() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open(clock: clock)
        let doomed = try await store.createSession(named: "doomed")
        let kept = try await store.createSession(named: "kept")
        let original = try await store.beginTurn(session: doomed.id!, prompt: "p", tier: "t", models: ["m"])
        try await store.appendResult(turn: original.id!, stage: .generation, model: "m", outcome: .arrived,
                                     latency: .zero)
        let keptTurn = try await store.beginTurn(session: kept.id!, prompt: "p", tier: "t", models: ["m"],
                                                 replayOf: original.id)
        try await store.appendResult(turn: keptTurn.id!, stage: .generation, model: "m", outcome: .arrived,
                                     latency: .zero)

        try await store.deleteSession(id: doomed.id!)

        let counts = try await store.pool.read { db in
            (try SessionRecord.fetchCount(db), try TurnRecord.fetchCount(db), try ModelResultRecord.fetchCount(db))
        }
        #expect(counts.0 == 1)
        #expect(counts.1 == 1)
        #expect(counts.2 == 1)
        #expect(try await store.turn(id: keptTurn.id!)?.turn.replayOf == nil, "a replay of a deleted turn lets go of it")
        await #expect(throws: StoreError.sessionNotFound(doomed.id!)) { try await store.deleteSession(id: doomed.id!) }
    }

    @Test func listAndMostRecentFollowUse() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open(clock: clock)
        let start = clock.now.date
        let a = try await store.createSession(named: "a")
        clock.advance(by: .seconds(10))
        let b = try await store.createSession(named: "b")
        #expect(try await store.listSessions().first?.id == b.id)

        clock.advance(by: .seconds(10))
        _ = try await store.beginTurn(session: a.id!, prompt: "p", tier: "t", models: [])
        _ = try await store.beginTurn(session: a.id!, prompt: "p", tier: "t", models: [])
        #expect(try await store.listSessions().first?.id == a.id, "a new turn counts as use")

        clock.advance(by: .seconds(10))
        try await store.touchSession(id: b.id!)
        #expect(try await store.listSessions().first?.id == b.id)

        let list = try await store.listSessions()
        #expect(list == [
            SessionSummary(id: b.id!, name: "b", turnCount: 0, created: start.addingTimeInterval(10),
                           lastUsed: start.addingTimeInterval(30)),
            SessionSummary(id: a.id!, name: "a", turnCount: 2, created: start, lastUsed: start.addingTimeInterval(20)),
        ])
    }

    @Test func settingsUpdateReadsBack() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open(clock: clock)
        let session = try await store.createSession(named: "s", settings: SessionSettings(tier: .fixed(.quick)))
        let changed = SessionSettings(tier: .auto, disabledModels: ["a"], chairman: "c", minResponses: 2)
        clock.advance(by: .seconds(5))
        try await store.updateSettings(session: session.id!, changed)

        let read = try #require(try await database.open(clock: clock).session(id: session.id!))
        #expect(read.settings == changed)
        #expect(read.updated == session.updated.addingTimeInterval(5))
        let json = try await store.pool.read { db in
            try String.fetchOne(db, sql: "SELECT settings FROM sessions WHERE id = ?", arguments: [session.id!])
        }
        #expect(json == #"{"chairman":"c","disabled_models":["a"],"min_responses":2,"tier":"auto"}"#)
    }
}
