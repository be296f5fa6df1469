import CouncilCore
import Foundation
import Testing
@testable import CouncilStore

@Suite struct ModelStatsTests {
    @Test(arguments: [
        (50.0, [15, 20, 35, 40, 50], 35),
        (95.0, [15, 20, 35, 40, 50], 50),
        (30.0, [15, 20, 35, 40, 50], 20),
        (100.0, [3, 1, 2], 3),
        (50.0, [7], 7),
        (25.0, [40, 10, 30, 20], 10),
    ])
    func nearestRank(_ p: Double, _ values: [Int], _ expected: Int) {
        #expect(NearestRank.percentile(p, of: values) == expected)
    }

    @Test func noValuesNoPercentile() {
        #expect(NearestRank.percentile(50, of: []) == nil)
    }

    @Test func statsOverStoredResults() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        let session = try await store.createSession(named: "s").id!
        let turn = try await store.beginTurn(session: session, prompt: "p", tier: "t", models: ["a", "b"]).id!
        // a: 20 answers of 100…2000 ms, one timeout, one failure, one cancellation, one blocked.
        for latency in stride(from: 2000, through: 100, by: -100) {
            try await store.appendResult(turn: turn, stage: .generation, model: "a", outcome: .arrived,
                                         text: "x", latency: .milliseconds(latency))
        }
        for outcome in [ResultOutcome.timedOut, .failed, .cancelled, .blocked] {
            try await store.appendResult(turn: turn, stage: .generation, model: "a", outcome: outcome,
                                         latency: .milliseconds(99_999))
        }
        try await store.appendResult(turn: turn, stage: .review, model: "b", outcome: .failed, latency: .milliseconds(1))

        let stats = try await store.modelStats()
        #expect(stats.map(\.model) == ["a", "b"])
        let a = stats[0]
        #expect(a.arrived == 20)
        #expect(a.timedOut == 1)
        #expect(a.failed == 1)
        #expect(a.cancelled == 1)
        #expect(a.blocked == 1)
        #expect(a.calls == 23)
        #expect(a.failures == 2)
        #expect(a.successRate == 20.0 / 22.0)
        #expect(a.latencyP50 == .milliseconds(1000))  // rank 10 of 20
        #expect(a.latencyP95 == .milliseconds(1900))  // rank 19 of 20

        let b = stats[1]
        #expect(b.calls == 1)
        #expect(b.successRate == 0)
        #expect(b.latencyP50 == nil)

        #expect(try await store.modelStats(stage: .review).map(\.model) == ["b"])
    }

    /// A review without a usable ranking: the model answered, it lost its ballot. Unranked, not failed.
    @Test func anUnrankedReviewIsCountedApartFromFailures() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        let session = try await store.createSession(named: "s").id!
        let turn = try await store.beginTurn(session: session, prompt: "p", tier: "t", models: ["m"]).id!
        try await store.appendResult(turn: turn, stage: .generation, model: "m", outcome: .arrived, text: "x", latency: .milliseconds(5))
        try await store.appendResult(turn: turn, stage: .review, model: "m", outcome: .failed, text: "all fine",
                                     latency: .milliseconds(5), verdict: .rejected(reason: "no FINAL RANKING"))
        try await store.appendResult(turn: turn, stage: .review, model: "m", outcome: .failed, latency: .milliseconds(5))
        let stats = try #require(try await store.modelStats().first)
        #expect(stats.unranked == 1)
        #expect(stats.failed == 1)
        #expect(stats.calls == 3)
        #expect(stats.successRate == 2.0 / 3.0)
    }
}
