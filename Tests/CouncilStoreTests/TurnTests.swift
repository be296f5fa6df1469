import CouncilCore
import CouncilTestSupport
import Foundation
import Testing
@testable import CouncilStore

@Suite struct TurnTests {
    let clock = TestClock()

    @Test func numbersCountPerSession() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open(clock: clock)
        let a = try await store.createSession(named: "a").id!
        let b = try await store.createSession(named: "b").id!
        var numbers: [String] = []
        for session in [a, b, a, a, b] {
            let turn = try await store.beginTurn(session: session, prompt: "p", tier: "t", models: [])
            numbers.append("\(session == a ? "a" : "b")\(turn.number)")
        }
        #expect(numbers == ["a1", "b1", "a2", "a3", "b2"])
    }

    @Test func beginningATurnInAMissingSessionFails() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open(clock: clock)
        await #expect(throws: StoreError.sessionNotFound(42)) {
            try await store.beginTurn(session: 42, prompt: "p", tier: "t", models: [])
        }
    }

    @Test func replayLinksReadBack() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open(clock: clock)
        let session = try await store.createSession(named: "s").id!
        let original = try await store.beginTurn(session: session, prompt: "p", tier: "t", models: ["m"])
        let replay = try await store.beginTurn(session: session, prompt: "p", tier: "deep", models: ["m", "n"],
                                               replayOf: original.id)

        let reopened = try database.open(clock: clock)
        #expect(try await reopened.turn(id: replay.id!)?.turn.replayOf == original.id)
        #expect(try await reopened.turn(session: session, number: 2)?.turn.id == replay.id)
        #expect(try await reopened.turns(session: session).map(\.replayOf) == [nil, original.id])
    }

    @Test func listingSummarisesEachTurn() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open(clock: clock)
        let session = try await store.createSession(named: "s").id!
        let started = clock.now.date
        let turn = try await store.beginTurn(session: session, prompt: "\n  First line\nsecond line", tier: "fast",
                                             models: ["a", "b", "c"])
        try await store.appendResult(turn: turn.id!, stage: .generation, model: "a", outcome: .arrived,
                                     text: "x", latency: .milliseconds(1))
        try await store.appendResult(turn: turn.id!, stage: .generation, model: "b", outcome: .timedOut,
                                     latency: .milliseconds(1))
        try await store.appendResult(turn: turn.id!, stage: .generation, model: "c", outcome: .arrived,
                                     text: "y", latency: .milliseconds(1))
        try await store.appendResult(turn: turn.id!, stage: .review, model: "a", outcome: .arrived,
                                     text: "r", latency: .milliseconds(1))

        let summaries = try await store.turns(session: session)
        #expect(summaries == [TurnSummary(id: turn.id!, number: 1, started: started, tier: "fast", status: .running,
                                          arrived: 2, asked: 3, promptFirstLine: "First line", replayOf: nil)])
    }

    @Test func recentExchangesAreTheLastAnsweredTurnsOldestFirst() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open(clock: clock)
        let session = try await store.createSession(named: "s").id!
        for index in 1...4 {
            let turn = try await store.beginTurn(session: session, prompt: "q\(index)", tier: "t", models: [])
            if index != 3 {
                try await store.finishTurn(turn: turn.id!, status: .complete, finalAnswer: "a\(index)",
                                           synthesised: true, chairman: nil, ranking: nil, usage: Usage())
            }
        }
        _ = try await store.beginTurn(session: session, prompt: "running", tier: "t", models: [])

        #expect(try await store.recentExchanges(session: session, limit: 2)
                == [ConversationTurn(prompt: "q2", answer: "a2"),
                    ConversationTurn(prompt: "q4", answer: "a4")])
        #expect(try await store.recentExchanges(session: session, limit: 10).map(\.prompt) == ["q1", "q2", "q4"])
    }

    @Test func appendingToAMissingTurnFails() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open(clock: clock)
        await #expect(throws: StoreError.turnNotFound(7)) {
            try await store.appendResult(turn: 7, stage: .generation, model: "m", outcome: .arrived,
                                         latency: .zero)
        }
    }
}
