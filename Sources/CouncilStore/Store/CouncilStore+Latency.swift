import CouncilCore
import GRDB

extension CouncilStore {
    /// How many of a model's newest results per stage the latency figures look at: enough for a
    /// steady p95 (10 samples above it), few enough to follow a provider that got slower this week.
    public static let latencyWindow = 200

    /// Per model and stage, the latency percentiles of the newest `window` decided calls (arrived,
    /// timed out, failed: cancelled and blocked ones say nothing about how fast a model is).
    /// `models` limits it to the models a turn may call; nil reads every model.
    ///
    /// One query, read from the covering index `model_results_recent` (model, stage, id, …): for each
    /// model and stage, the id of its `window`-th newest decided call is found by walking `window`
    /// index entries back, and the rows from there on are one index range. It never scans the table:
    /// 8 models on a store of 10,000 results read 4,800 index entries, about 1 ms of SQLite.
    public func recentLatency(models: [ModelID]? = nil, window: Int = latencyWindow) async throws -> LatencyStats {
        let models: [ModelID] = if let models { models } else { try await everyModel() }
        guard !models.isEmpty, window > 0 else { return .none }
        let stages = Stage.allCases
        // Keys and stages come back as their positions, so every column read per row is an integer.
        let keys = models.indices.map { _ in "(?, ?)" }.joined(separator: ", ")
        let stageRows = stages.indices.map { _ in "(?, ?)" }.joined(separator: ", ")
        let decided = "('arrived', 'timed_out', 'failed')"
        let sql = """
            WITH keys(k, model) AS (VALUES \(keys)), stages(s, stage) AS (VALUES \(stageRows)),
            cut AS (
              SELECT k, model, s, stage, COALESCE((
                SELECT x.id FROM model_results x
                WHERE x.model = keys.model AND x.stage = stages.stage AND x.outcome IN \(decided)
                ORDER BY x.id DESC LIMIT 1 OFFSET ?), 0) AS since
              FROM keys, stages)
            SELECT cut.k, cut.s, CASE r.outcome WHEN 'arrived' THEN 1 WHEN 'timed_out' THEN 2 ELSE 0 END,
                   r.latency_ms, r.first_token_ms, r.hedged_after_ms IS NOT NULL, r.id
            FROM cut JOIN model_results r ON r.model = cut.model AND r.stage = cut.stage AND r.id >= cut.since
            WHERE r.outcome IN \(decided)
            """
        var values: [(any DatabaseValueConvertible)?] = []
        for (index, model) in models.enumerated() { values += [index, model.rawValue] }
        for (index, stage) in stages.enumerated() { values += [index, stage.rawValue] }
        values.append(window - 1)
        let arguments = StatementArguments(values)
        let (modelCount, stageCount) = (models.count, stages.count)
        let samples = try await pool.read { db in
            var samples = Array(repeating: Array(repeating: Samples(), count: stageCount), count: modelCount)
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                let (key, stage, outcome): (Int, Int, Int) = (row[0], row[1], row[2])
                if outcome == 1 {
                    samples[key][stage].latencies.append(row[3])
                    if let firstToken = row[4] as Int? { samples[key][stage].firstTokens.append(firstToken) }
                }
                if row[5] as Bool { samples[key][stage].hedged += 1 }
                samples[key][stage].calls += 1
                samples[key][stage].note(id: row[6], latency: row[3], arrived: outcome == 1, timedOut: outcome == 2)
            }
            return samples
        }
        return LatencyStats(models.indices.flatMap { key in
            stages.indices.compactMap { stage in
                samples[key][stage].calls == 0 ? nil : samples[key][stage].summary(model: models[key], stage: stages[stage])
            }
        })
    }

    /// Every model with a stored result, read from the index on `model`.
    private func everyModel() async throws -> [ModelID] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT model FROM model_results").map { ModelID($0) }
        }
    }

    private struct Samples {
        var calls = 0
        var latencies: [Int] = []
        var firstTokens: [Int] = []
        var hedged = 0
        /// The newest answer (id, latency), the newest call that did not time out, and the timeouts.
        var latestAnswer: (id: Int64, latency: Int)?
        var latestNotTimedOut: Int64 = 0
        var timeouts: [Int64] = []

        /// Rows come in no promised order: the newest is found by id.
        mutating func note(id: Int64, latency: Int, arrived: Bool, timedOut: Bool) {
            if arrived, id > latestAnswer?.id ?? 0 { latestAnswer = (id, latency) }
            if timedOut { timeouts.append(id) } else { latestNotTimedOut = max(latestNotTimedOut, id) }
        }

        func summary(model: ModelID, stage: Stage) -> StageLatency {
            var result = StageLatency(model: model, stage: stage)
            result.answers = latencies.count
            result.latencyP50 = NearestRank.percentile(50, of: latencies).map { .milliseconds($0) }
            result.latencyP95 = NearestRank.percentile(95, of: latencies).map { .milliseconds($0) }
            result.firstTokens = firstTokens.count
            result.firstTokenP50 = NearestRank.percentile(50, of: firstTokens).map { .milliseconds($0) }
            result.firstTokenP95 = NearestRank.percentile(95, of: firstTokens).map { .milliseconds($0) }
            result.hedged = hedged
            result.latestAnswer = latestAnswer.map { .milliseconds($0.latency) }
            result.timeoutsInARow = timeouts.count(where: { $0 > latestNotTimedOut })
            return result
        }
    }
}
