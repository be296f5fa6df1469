import CouncilCore
import CouncilTestSupport
import Foundation
import GRDB
import Testing
@testable import CouncilStore

@Suite(.timeLimit(.minutes(2))) struct InterruptedTurnTests {
    @Test func aRunningTurnLeftByADroppedStoreIsInterruptedOnReopen() async throws {
        let database = try TemporaryDatabase()
        let clock = TestClock()
        var turnID: Int64 = 0
        var finishedID: Int64 = 0
        do {
            let store = try database.open(clock: clock)
            let session = try await store.createSession(named: "s")
            let finished = try await store.beginTurn(session: session.id!, prompt: "done", tier: "t", models: ["m"])
            try await store.finishTurn(turn: finished.id!, status: .complete, finalAnswer: "ok", synthesised: true,
                                       chairman: "m", ranking: nil, usage: Usage())
            let turn = try await store.beginTurn(session: session.id!, prompt: "lost", tier: "t", models: ["m"])
            try await store.appendResult(turn: turn.id!, stage: .generation, model: "m", outcome: .arrived,
                                         text: "kept", latency: .milliseconds(5))
            turnID = turn.id!
            finishedID = finished.id!
        }  // the store is dropped without finishing the turn, as a killed process would leave it

        clock.advance(by: .seconds(60))
        let reopened = try database.open(clock: clock)
        #expect(reopened.interruptedOnOpen == 1)
        let turn = try #require(try await reopened.turn(id: turnID))
        #expect(turn.turn.status == .interrupted)
        #expect(turn.turn.ended == clock.now.date)
        #expect(turn.results.map(\.text) == ["kept"], "a finished result survives the interruption")
        #expect(try await reopened.turn(id: finishedID)?.turn.status == .complete)

        #expect(try database.open(clock: clock).interruptedOnOpen == 0, "the sweep is done once")
    }

    @Test func aRunningTurnOfAnotherLiveProcessIsLeftRunning() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        let session = try await store.createSession(named: "s")
        let turn = try await store.beginTurn(session: session.id!, prompt: "p", tier: "t", models: ["m"])
        // Pretend the turn belongs to our parent process, which is alive.
        let parent = getppid()
        _ = try await store.pool.write { db in
            try TurnRecord.filter(key: turn.id!).updateAll(db, Column("owner_pid").set(to: parent))
        }

        let reopened = try database.open()
        #expect(reopened.interruptedOnOpen == 0)
        #expect(try await reopened.turn(id: turn.id!)?.turn.status == .running)
    }
}
