import CouncilCore
import Foundation
import GRDB
import Testing
@testable import CouncilStore

/// Time to first token and hedges are stored per result (migration v5); `recentLatency` gives p50/p95
/// per model and stage over each one's newest calls.
@Suite(.timeLimit(.minutes(2))) struct RecentLatencyTests {
    static func turn(_ store: CouncilStore) async throws -> Int64 {
        let session = try await store.createSession(named: "s-\(UUID().uuidString.prefix(8))").id!
        return try await store.beginTurn(session: session, prompt: "p", tier: "t", models: ["a", "b"]).id!
    }

    static func answer(_ store: CouncilStore, _ turn: Int64, _ model: ModelID, _ stage: Stage = .generation,
                       latency: Int, firstToken: Int? = nil, hedgedAfter: Int? = nil) async throws {
        let result = ModelResult(model: model, outcome: .arrived(ChatCompletion(text: "x")), latency: .milliseconds(latency),
                                 firstToken: firstToken.map { .milliseconds($0) }, hedgedAfter: hedgedAfter.map { .milliseconds($0) })
        try await store.appendResult(turn: turn, stage: stage, result)
    }

    @Test func aResultKeepsItsFirstTokenAndHedge() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        let turn = try await Self.turn(store)
        try await Self.answer(store, turn, "a", latency: 900, firstToken: 250, hedgedAfter: 200)
        try await Self.answer(store, turn, "b", latency: 400)
        let read = try #require(try await store.turn(id: turn)).results
        #expect(read.map(\.firstTokenMilliseconds) == [250, nil])
        #expect(read.map(\.hedgedAfterMilliseconds) == [200, nil])
    }

    @Test func percentilesPerModelAndStageFromArrivedAnswers() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        let turn = try await Self.turn(store)
        // a in stage 1: 100, 200, …, 2000 ms with first tokens a tenth of that; every fourth hedged.
        for step in 1...20 {
            try await Self.answer(store, turn, "a", latency: step * 100, firstToken: step * 10, hedgedAfter: step % 4 == 0 ? 5 : nil)
        }
        // Not samples: a timeout (still a call in the window), a cancellation and a blocked model.
        try await store.appendResult(turn: turn, stage: .generation, model: "a", outcome: .timedOut, latency: .seconds(30))
        try await store.appendResult(turn: turn, stage: .generation, model: "a", outcome: .cancelled, latency: .seconds(40))
        try await store.appendResult(turn: turn, stage: .generation, model: "a", outcome: .blocked, latency: .zero)
        // The same model in another stage, and another model: kept apart.
        try await Self.answer(store, turn, "a", .review, latency: 7000)
        try await Self.answer(store, turn, "b", latency: 50, firstToken: 5)

        let stats = try await store.recentLatency()
        let a = stats["a", .generation]
        #expect(a.answers == 20)
        #expect(a.latencyP50 == .milliseconds(1000))
        #expect(a.latencyP95 == .milliseconds(1900))
        #expect(a.firstTokens == 20)
        #expect(a.firstTokenP50 == .milliseconds(100))
        #expect(a.firstTokenP95 == .milliseconds(190))
        #expect(a.hedged == 5)
        #expect(stats["a", .review].answers == 1)
        #expect(stats["a", .review].latencyP95 == .milliseconds(7000))
        #expect(stats["b", .generation].latencyP95 == .milliseconds(50))
        #expect(stats["b", .review].answers == 0, "no row: empty figures")
        #expect(try await store.recentLatency(models: ["b"]).entries.keys.sorted() == ["b"])
    }

    @Test func theNewestAnswerAndTheTimeoutsInARowAfterIt() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        let turn = try await Self.turn(store)
        func timeout() async throws {
            try await store.appendResult(turn: turn, stage: .generation, model: "a", outcome: .timedOut, latency: .seconds(6))
        }
        try await Self.answer(store, turn, "a", latency: 300)
        try await timeout()
        try await Self.answer(store, turn, "a", latency: 700)
        // A cancellation says nothing, so it neither ends nor extends a run of timeouts.
        try await timeout()
        try await store.appendResult(turn: turn, stage: .generation, model: "a", outcome: .cancelled, latency: .seconds(1))
        try await timeout()
        var recent = try await store.recentLatency()["a", .generation]
        #expect(recent.latestAnswer == .milliseconds(700))
        #expect(recent.timeoutsInARow == 2)
        #expect(try await store.recentLatency()["a", .review].timeoutsInARow == 0, "per stage")

        // A failure is an answer of sorts: the run is over.
        try await store.appendResult(turn: turn, stage: .generation, model: "a", outcome: .failed, latency: .milliseconds(5))
        recent = try await store.recentLatency()["a", .generation]
        #expect(recent.timeoutsInARow == 0)
        #expect(recent.latestAnswer == .milliseconds(700))
    }

    @Test func onlyTheNewestCallsCount() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        let turn = try await Self.turn(store)
        // Ten slow answers, then ten fast ones: a window of 10 sees the fast ones only.
        for _ in 1...10 { try await Self.answer(store, turn, "a", latency: 9000, firstToken: 8000) }
        for step in 1...10 { try await Self.answer(store, turn, "a", latency: step * 10, firstToken: step) }
        // Newer rows of another stage have a window of their own.
        for _ in 1...5 { try await Self.answer(store, turn, "a", .review, latency: 5) }
        let recent = try await store.recentLatency(window: 10)["a", .generation]
        #expect(recent.answers == 10)
        #expect(recent.latencyP95 == .milliseconds(100))
        #expect(recent.firstTokenP95 == .milliseconds(10))
        let wider = try await store.recentLatency(window: 11)["a", .generation]
        #expect(wider.latencyP95 == .milliseconds(9000))
    }

    /// A version-4 file (before the columns) opens: its rows read with no first token and count as
    /// latency samples without one.
    @Test func aVersionFourFileGainsTheColumns() async throws {
        let database = try TemporaryDatabase()
        try FileManager.default.createDirectory(atPath: (database.path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: database.path)
        try StoreSchema.migrator.migrate(queue, upTo: "v4: the labels each reviewer saw")
        try await queue.write { db in
            let now = "2024-01-01 00:00:00.000"
            try db.execute(sql: "INSERT INTO sessions (id, name, created, updated, settings) VALUES (1, 'old', ?, ?, '{}')", arguments: [now, now])
            try db.execute(sql: """
                INSERT INTO turns (id, session_id, number, prompt, tier, models, status, started)
                VALUES (1, 1, 1, 'Why?', 'balanced', '["a"]', 'complete', ?)
                """, arguments: [now])
            try db.execute(sql: """
                INSERT INTO model_results (turn_id, stage, model, outcome, text, latency_ms, created)
                VALUES (1, 'generation', 'a', 'arrived', 'One.', 1234, ?)
                """, arguments: [now])
        }
        try queue.close()

        let store = try database.open()
        let read = try #require(try await store.turn(session: 1, number: 1))
        #expect(read.results.map(\.firstTokenMilliseconds) == [nil])
        #expect(read.results.map(\.text) == ["One."])
        let latency = try await store.recentLatency()["a", .generation]
        #expect(latency.answers == 1)
        #expect(latency.latencyP50 == .milliseconds(1234))
        #expect(latency.firstTokens == 0)
        let indexes = try await store.pool.read { db in try db.indexes(on: "model_results").map(\.name) }
        #expect(indexes.contains("model_results_recent"))
    }
}
