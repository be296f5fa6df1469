import CouncilCore
import Foundation
import GRDB
import Testing
@testable import CouncilStore

/// A database written by the first version (rankings as JSON text, `parsed_ranking` per review) opens,
/// migrates and reads back as typed values.
@Suite(.timeLimit(.minutes(2))) struct OldDatabaseTests {
    /// What version 1's recorder wrote into `turns.ranking`: `JSONEncoder` output of its ranking value.
    static let oldRanking = """
        {"aggregate":{"entries":[{"model":"b\\/two","averageRank":1,"bordaPoints":1,"votes":1},\
        {"model":"a\\/one","bordaPoints":0,"votes":0}]},\
        "votes":[{"reviewer":"a\\/one","ranking":["b\\/two","a\\/one"]}],\
        "rejections":{"b\\/two":"no FINAL RANKING list or JSON ranking found"}}
        """

    /// Makes a version-1 file at `path` holding one reviewed turn.
    static func writeVersionOne(at path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(queue, upTo: "v1: sessions, turns, model results, breakers")
        try queue.write { db in
            let now = "2023-11-14 22:13:20.000"
            try db.execute(sql: "INSERT INTO sessions (id, name, created, updated, settings) VALUES (1, 'old', ?, ?, '{}')",
                           arguments: [now, now])
            try db.execute(sql: """
                INSERT INTO turns (id, session_id, number, prompt, tier, models, status, started, ended, final_answer,
                                   synthesised, chairman, ranking, prompt_tokens, completion_tokens, cost)
                VALUES (1, 1, 1, 'Why?', 'balanced', '["a/one","b/two"]', 'complete', ?, ?, 'Because.', 1, 'b/two', ?, 10, 20, NULL)
                """, arguments: [now, now, oldRanking])
            let result = """
                INSERT INTO model_results (turn_id, stage, model, outcome, text, latency_ms, error, parsed_ranking, created)
                VALUES (1, ?, ?, ?, ?, 100, ?, ?, ?)
                """
            try db.execute(sql: result, arguments: ["generation", "a/one", "arrived", "One.", nil, nil, now])
            try db.execute(sql: result, arguments: ["review", "a/one", "arrived", "FINAL RANKING:\n1. Response B\n2. Response A",
                                                    nil, #"["b/two","a/one"]"#, now])
            try db.execute(sql: result, arguments: ["review", "b/two", "failed", "",
                                                    "malformed response: no usable ranking: no FINAL RANKING list or JSON ranking found",
                                                    nil, now])
            try db.execute(sql: result, arguments: ["review", "c/three", "timed_out", "", "timed out after 8.0 s", nil, now])
        }
    }

    @Test func aVersionOneFileReadsWithTypedRankingsAndVerdicts() async throws {
        let database = try TemporaryDatabase()
        try Self.writeVersionOne(at: database.path)

        let store = try database.open()
        let read = try #require(try await store.turn(session: 1, number: 1))
        let ranking = try #require(read.turn.ranking)
        #expect(ranking.aggregate?.order == ["b/two", "a/one"])
        #expect(ranking.aggregate?.entries.first?.averageRank == 1)
        #expect(ranking.votes == [ReviewVote(reviewer: "a/one", ranking: ["b/two", "a/one"])])
        #expect(ranking.rejections == ["b/two": "no FINAL RANKING list or JSON ranking found"])
        #expect(read.results.map(\.verdict) == [
            nil,
            .ranked(["b/two", "a/one"]),
            .rejected(reason: "no FINAL RANKING list or JSON ranking found"),
            nil,
        ])
        #expect(read.results[2].error == "malformed response: no usable ranking: no FINAL RANKING list or JSON ranking found",
                "the error text stays as it was shown")
        let columns = try await store.pool.read { db in try db.columns(in: "model_results").map(\.name) }
        #expect(columns.contains("verdict"))
        #expect(!columns.contains("parsed_ranking"))
    }

    @Test func aMalformedOldRankingDoesNotStopTheMigration() async throws {
        let database = try TemporaryDatabase()
        try Self.writeVersionOne(at: database.path)
        let queue = try DatabaseQueue(path: database.path)
        try await queue.write { db in
            try db.execute(sql: "UPDATE model_results SET parsed_ranking = 'not json' WHERE parsed_ranking IS NOT NULL")
        }
        try queue.close()
        let store = try database.open()
        let read = try #require(try await store.turn(session: 1, number: 1))
        #expect(read.results[1].verdict == nil)
        #expect(read.results[2].verdict == .rejected(reason: "no FINAL RANKING list or JSON ranking found"))
    }
}
