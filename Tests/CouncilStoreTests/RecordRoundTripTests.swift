import CouncilCore
import CouncilTestSupport
import Foundation
import Testing
@testable import CouncilStore

/// Every record written through the API, read back from a new store instance, field by field.
@Suite(.timeLimit(.minutes(2))) struct RecordRoundTripTests {
    /// A time with milliseconds, to prove they are kept.
    let clock = TestClock(now: EpochInstant(sinceEpoch: .milliseconds(1_700_000_000_123)))

    /// SQLite holds dates as text to the millisecond; a `Date` is a Double, so the same millisecond
    /// may come back a few nanoseconds off.
    private func sameMillisecond(_ a: Date?, _ b: Date?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a.timeIntervalSince(b)) < 0.0005
    }

    @Test func sessionFieldByField() async throws {
        let database = try TemporaryDatabase()
        let settings = SessionSettings(tier: .fixed(.high), disabledModels: ["x/off"], enabledModels: ["y/on"],
                                       chairman: "z/chair", mode: .synth, minResponses: 3)
        let created = try await database.open(clock: clock).createSession(named: "work", settings: settings)

        let read = try #require(try await database.open(clock: clock).session(named: "work"))
        #expect(read.id == created.id)
        #expect(read.id != nil)
        #expect(read.name == "work")
        #expect(sameMillisecond(read.created, clock.now.date))
        #expect(sameMillisecond(read.updated, clock.now.date))
        #expect(read.settings == settings)
        #expect(read.settings.minResponses == 3)
        #expect(read.settings.disabledModels == ["x/off"])
    }

    @Test func emptySettingsStayEmpty() async throws {
        let database = try TemporaryDatabase()
        _ = try await database.open(clock: clock).createSession(named: "bare")
        let read = try #require(try await database.open(clock: clock).session(named: "bare"))
        #expect(read.settings == SessionSettings())
    }

    static let ranking = TurnRanking(
        aggregate: AggregateRanking(votes: [ReviewVote(reviewer: "a/one", ranking: ["b/two", "a/one"])], answers: ["a/one", "b/two"]),
        votes: [ReviewVote(reviewer: "a/one", ranking: ["b/two", "a/one"])], rejections: ["b/two": "no FINAL RANKING list"])

    @Test func turnAndResultsFieldByField() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open(clock: clock)
        let session = try await store.createSession(named: "s")
        let started = clock.now.date
        let turn = try await store.beginTurn(session: session.id!, prompt: "Why?\nBecause.", tier: "fast",
                                             models: ["a/one", "b/two"])
        clock.advance(by: .seconds(2))
        let generation = try await store.appendResult(
            turn: turn.id!, stage: .generation, model: "a/one", outcome: .arrived, text: "Answer one",
            latency: .milliseconds(1234), usage: Usage(promptTokens: 10, completionTokens: 20, cost: 0.5))
        let failure = try await store.appendResult(
            turn: turn.id!, stage: .generation,
            ModelResult(model: "b/two", outcome: .failed(.serverError(status: 500, message: "boom")),
                        latency: .milliseconds(99)))
        let review = try await store.appendResult(
            turn: turn.id!, stage: .review, model: "a/one", outcome: .arrived, text: "A is best",
            latency: .milliseconds(500), usage: Usage(promptTokens: 1, completionTokens: 2),
            verdict: .ranked(["b/two", "a/one"]))
        clock.advance(by: .seconds(1))
        let ended = clock.now.date
        try await store.finishTurn(turn: turn.id!, status: .partial, finalAnswer: "Final", synthesised: true,
                                   chairman: "z/chair", ranking: Self.ranking,
                                   usage: Usage(promptTokens: 11, completionTokens: 22, cost: nil))

        let reopened = try database.open(clock: clock)
        let read = try #require(try await reopened.turn(id: turn.id!))
        let t = read.turn
        #expect(t.id == turn.id)
        #expect(t.sessionID == session.id)
        #expect(t.number == 1)
        #expect(t.prompt == "Why?\nBecause.")
        #expect(t.tier == "fast")
        #expect(t.models == ["a/one", "b/two"])
        #expect(t.status == .partial)
        #expect(sameMillisecond(t.started, started))
        #expect(sameMillisecond(t.ended, ended))
        #expect(t.finalAnswer == "Final")
        #expect(t.synthesised)
        #expect(t.chairman == "z/chair")
        #expect(t.ranking == Self.ranking)
        #expect(t.promptTokens == 11)
        #expect(t.completionTokens == 22)
        #expect(t.cost == nil)
        #expect(t.replayOf == nil)
        #expect(t.ownerPID == ProcessInfo.processInfo.processIdentifier)

        #expect(read.results.map(\.id) == [generation, failure, review].map(\.id))
        #expect(read.results.map(\.text) == ["Answer one", "", "A is best"])
        let first = read.results[0]
        #expect(first.id != nil)
        #expect(first.turnID == turn.id)
        #expect(first.stage == .generation)
        #expect(first.model == "a/one")
        #expect(first.outcome == .arrived)
        #expect(first.text == "Answer one")
        #expect(first.latencyMilliseconds == 1234)
        #expect(first.latency == .milliseconds(1234))
        #expect(first.promptTokens == 10)
        #expect(first.completionTokens == 20)
        #expect(first.cost == 0.5)
        #expect(first.error == nil)
        #expect(first.verdict == nil)
        #expect(sameMillisecond(first.created, started.addingTimeInterval(2)))

        let second = read.results[1]
        #expect(second.outcome == .failed)
        #expect(second.text == "")
        #expect(second.error == "HTTP 500 server error: boom")
        #expect(second.cost == nil)
        #expect(read.results[2].stage == .review)
        #expect(read.results[2].verdict == .ranked(["b/two", "a/one"]))
    }

    @Test func everyOutcomeOfTheEngineMapsToItsStoredName() {
        #expect(ResultOutcome(.arrived(ChatCompletion(text: ""))).rawValue == "arrived")
        #expect(ResultOutcome(.timedOut(after: .seconds(1))).rawValue == "timed_out")
        #expect(ResultOutcome(.failed(.connectionFailed("x"))).rawValue == "failed")
        #expect(ResultOutcome(.cancelled(.user)).rawValue == "cancelled")
        #expect(ResultOutcome(.blocked(remaining: .seconds(1))).rawValue == "blocked")
    }
}
