import CouncilCore
import CouncilTestSupport
import Foundation
import Testing
@testable import CouncilStore

/// The agreement kept with a turn, in a real SQLite file.
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
}
