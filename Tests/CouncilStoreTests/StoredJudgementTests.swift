import CouncilCore
import CouncilTestSupport
import Foundation
import Testing
@testable import CouncilStore

/// The agreement kept with a turn, and the ballots a bias report reads back, in a real SQLite file.
@Suite struct StoredJudgementTests {
    @Test func agreementIsStoredWithTheTurnAndListed() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        let session = try await store.createSession(named: "s").id!
        let turn = try await store.beginTurn(session: session, prompt: "p", tier: "t", models: ["a", "b", "c"])
        let votes = [ReviewVote(reviewer: "a", ranking: ["b", "c", "a"]), ReviewVote(reviewer: "b", ranking: ["a", "c", "b"]),
                     ReviewVote(reviewer: "c", ranking: ["a", "b", "c"])]
        let aggregate = AggregateRanking(votes: votes, answers: ["a", "b", "c"])
        let agreement = ReviewAgreement(votes: votes, aggregate: aggregate)
        try await store.finishTurn(turn: turn.id!, status: .complete, finalAnswer: "f", synthesised: true, chairman: "a",
                                   ranking: TurnRanking(aggregate: aggregate, votes: votes, rejections: [:], agreement: agreement),
                                   usage: Usage())
        let stored = try #require(try await store.turn(id: turn.id!))
        #expect(stored.turn.ranking?.agreement == agreement)
        #expect(stored.turn.agreement == 1)
        #expect(try await store.turns(session: session).map(\.agreement) == [1])
        let column = try await store.pool.read { db in try Double.fetchOne(db, sql: "SELECT agreement FROM turns") }
        #expect(column == 1, "a column sqlite3 can read")
    }

    @Test func ballotsComeBackWithWhatEachReviewerSaw() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        let session = try await store.createSession(named: "s").id!
        let other = try await store.createSession(named: "other").id!
        let turn = try await store.beginTurn(session: session, prompt: "p", tier: "t", models: ["a", "b"])
        _ = try await store.beginTurn(session: other, prompt: "p", tier: "t", models: ["a"])
        for (model, text) in [("a", "short"), ("b", "much longer")] {
            _ = try await store.appendResult(turn: turn.id!, stage: .generation, model: ModelID(model), outcome: .arrived,
                                             text: text, latency: .seconds(1))
        }
        _ = try await store.appendResult(turn: turn.id!, stage: .review, model: "a", outcome: .arrived, latency: .seconds(1),
                                         verdict: .ranked(["b", "a"]), labels: ["B": "a", "A": "b"])
        _ = try await store.appendResult(turn: turn.id!, stage: .review, model: "b", outcome: .arrived, latency: .seconds(1),
                                         verdict: .rejected(reason: "no list"), labels: ["A": "a", "B": "b"])
        let votes = [ReviewVote(reviewer: "a", ranking: ["b", "a"])]
        try await store.finishTurn(turn: turn.id!, status: .complete, finalAnswer: "f", synthesised: true, chairman: "a",
                                   ranking: TurnRanking(aggregate: AggregateRanking(votes: votes, answers: ["a", "b"]), votes: votes,
                                                        rejections: ["b": "no list"]), usage: Usage())

        let ballots = try await store.storedBallots(session: session)
        #expect(ballots == [StoredBallot(reviewer: "a", ranking: ["b", "a"], shown: ["b", "a"], lengths: ["a": 5, "b": 11],
                                         consensus: ["b", "a"])], "a rejected review casts no ballot")
        #expect(try await store.storedBallots(session: other).isEmpty)
        #expect(try await store.storedBallots().count == 1)
    }
}
