import CouncilCore
import GRDB

extension CouncilStore {
    /// How many of a model's newest results per stage the latency figures look at: enough for a
    /// steady p95 (10 samples above it), few enough to follow a provider that got slower this week.
    public static let latencyWindow = 200

    /// Per model and stage, the latency percentiles of the newest `window` decided calls (arrived,
    /// timed out, failed: cancelled and blocked ones say nothing about how fast a model is).
    ///
    /// One query: a window function numbers each model's rows per stage from the newest, walking the
    /// `model_results_recent` index (model, stage, id), and keeps the first `window`. `models`
    /// limits it to the models a turn may call; nil reads every model.
    public func recentLatency(models: [ModelID]? = nil, window: Int = latencyWindow) async throws -> LatencyStats {
        var filter = ""
        var arguments: [any DatabaseValueConvertible] = []
        if let models {
            guard !models.isEmpty else { return .none }
            filter = " AND model IN (\(Array(repeating: "?", count: models.count).joined(separator: ",")))"
            arguments = models.map(\.rawValue)
        }
        arguments.append(window)
        let sql = """
            SELECT model, stage, outcome, latency_ms, first_token_ms, hedged_after_ms FROM (
              SELECT model, stage, outcome, latency_ms, first_token_ms, hedged_after_ms,
                     ROW_NUMBER() OVER (PARTITION BY model, stage ORDER BY id DESC) AS recent
              FROM model_results WHERE outcome IN ('arrived', 'timed_out', 'failed')\(filter)
            ) WHERE recent <= ?
            """
        let rows = try await pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
        }
        var samples: [ModelID: [Stage: Samples]] = [:]
        for row in rows {
            guard let stage = Stage(rawValue: row[1]) else { continue }
            let model = ModelID(row[0] as String)
            var entry = samples[model]?[stage] ?? Samples()
            if row[2] as String == ResultOutcome.arrived.rawValue {
                entry.latencies.append(row[3])
                if let firstToken = row[4] as Int? { entry.firstTokens.append(firstToken) }
            }
            if (row[5] as Int?) != nil { entry.hedged += 1 }
            samples[model, default: [:]][stage] = entry
        }
        return LatencyStats(samples.flatMap { model, stages in
            stages.map { stage, entry in entry.summary(model: model, stage: stage) }
        })
    }

    private struct Samples {
        var latencies: [Int] = []
        var firstTokens: [Int] = []
        var hedged = 0

        func summary(model: ModelID, stage: Stage) -> StageLatency {
            var result = StageLatency(model: model, stage: stage)
            result.answers = latencies.count
            result.latencyP50 = NearestRank.percentile(50, of: latencies).map { .milliseconds($0) }
            result.latencyP95 = NearestRank.percentile(95, of: latencies).map { .milliseconds($0) }
            result.firstTokens = firstTokens.count
            result.firstTokenP50 = NearestRank.percentile(50, of: firstTokens).map { .milliseconds($0) }
            result.firstTokenP95 = NearestRank.percentile(95, of: firstTokens).map { .milliseconds($0) }
            result.hedged = hedged
            return result
        }
    }
}
