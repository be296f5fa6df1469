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

    @Test func lastTurnNumberIsTheNewestTurnOfThatSession() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open(clock: clock)
        let one = try await store.createSession(named: "one").id!
        let two = try await store.createSession(named: "two").id!
        #expect(try await store.lastTurnNumber(session: one) == nil)
        for _ in 0..<3 { _ = try await store.beginTurn(session: one, prompt: "q", tier: "t", models: []) }
        _ = try await store.beginTurn(session: two, prompt: "q", tier: "t", models: [])
        #expect(try await store.lastTurnNumber(session: one) == 3)
        #expect(try await store.lastTurnNumber(session: two) == 1)
    }

    @Test func aRetryOrReplayTakesThePlaceOfTheExchangeItRepeats() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open(clock: clock)
        let session = try await store.createSession(named: "s").id!
        @discardableResult
        func turn(_ prompt: String, answer: String?, replayOf: Int64? = nil) async throws -> Int64 {
            let turn = try await store.beginTurn(session: session, prompt: prompt, tier: "t", models: [], replayOf: replayOf)
            try await store.finishTurn(turn: turn.id!, status: answer == nil ? .failed : .complete, finalAnswer: answer,
                                       synthesised: true, chairman: nil, ranking: nil, usage: Usage())
            return turn.id!
        }
        let first = try await turn("q1", answer: "a1")
        let second = try await turn("q2", answer: "a2")
        let retry = try await turn("q2", answer: "a2 again", replayOf: second)   // turn 3: /retry
        try await turn("q2", answer: nil, replayOf: retry)                     // turn 4: a retry that failed keeps a2 again
        try await turn("q1", answer: "a1 again", replayOf: first)             // turn 5: /replay 1
        try await turn("q3", answer: "a3")                                     // turn 6

        #expect(try await store.recentExchanges(session: session, limit: 10)
                == [ConversationTurn(prompt: "q1", answer: "a1 again"), ConversationTurn(prompt: "q2", answer: "a2 again"),
                    ConversationTurn(prompt: "q3", answer: "a3")])
        // Replaying turn 2 sees what stood before it; a limit keeps the newest exchanges.
        #expect(try await store.recentExchanges(session: session, limit: 10, before: 2) == [ConversationTurn(prompt: "q1", answer: "a1 again")])
        #expect(try await store.recentExchanges(session: session, limit: 1).map(\.answer) == ["a3"])
        // After /clear (context from turn 7), replaying turn 1 is a new exchange of the fresh conversation.
        try await turn("q1", answer: "a1 third", replayOf: first)              // turn 7
        #expect(try await store.recentExchanges(session: session, limit: 10, from: 7) == [ConversationTurn(prompt: "q1", answer: "a1 third")])
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
