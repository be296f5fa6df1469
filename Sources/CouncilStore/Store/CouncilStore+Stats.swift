import CouncilCore
import GRDB

extension CouncilStore {
    /// Per-model counts and latency percentiles over every stored result (or one stage's), by model name.
    public func modelStats(stage: Stage? = nil) async throws -> [ModelStats] {
        struct Row: Decodable, FetchableRecord {
            var model: ModelID
            var outcome: ResultOutcome
            var latencyMs: Int
            var verdict: ReviewVerdict?
            enum CodingKeys: String, CodingKey {
                case model, outcome, verdict
                case latencyMs = "latency_ms"
            }
        }
        let rows = try await pool.read { db in
            var request = ModelResultRecord.select(
                ModelResultRecord.Columns.model, ModelResultRecord.Columns.outcome,
                ModelResultRecord.Columns.latencyMilliseconds, Column("verdict"))
            if let stage { request = request.filter(ModelResultRecord.Columns.stage == stage) }
            return try request.asRequest(of: Row.self).fetchAll(db)
        }
        var stats: [ModelID: ModelStats] = [:]
        var latencies: [ModelID: [Int]] = [:]
        for row in rows {
            var entry = stats[row.model] ?? ModelStats(model: row.model)
            switch row.outcome {
            case .arrived:
                entry.arrived += 1
                latencies[row.model, default: []].append(row.latencyMs)
            case .timedOut: entry.timedOut += 1
            case .failed where row.verdict?.rejection != nil: entry.unranked += 1
            case .failed: entry.failed += 1
            case .cancelled: entry.cancelled += 1
            case .blocked: entry.blocked += 1
            }
            stats[row.model] = entry
        }
        return stats.values.map { entry in
            var entry = entry
            let times = latencies[entry.model] ?? []
            entry.latencyP50 = NearestRank.percentile(50, of: times).map { .milliseconds($0) }
            entry.latencyP95 = NearestRank.percentile(95, of: times).map { .milliseconds($0) }
            return entry
        }.sorted { $0.model < $1.model }
    }
}

/// The tokens and cost one stored call reported, by model.
public struct ModelUsageRow: Sendable, Equatable {
    public var model: ModelID
    public var usage: Usage

    public init(model: ModelID, usage: Usage) {
        self.model = model
        self.usage = usage
    }
}

extension CouncilStore {
    /// Every stored call that used tokens or reported a cost, in one session or in all of them.
    public func usageRows(session: Int64? = nil) async throws -> [ModelUsageRow] {
        let filter = session == nil ? "" : " AND t.session_id = ?"
        let sql = """
            SELECT r.model, r.prompt_tokens, r.completion_tokens, r.cost, r.cached_tokens, r.cache_write_tokens FROM model_results r
            JOIN turns t ON t.id = r.turn_id
            WHERE (r.prompt_tokens > 0 OR r.completion_tokens > 0 OR r.cost IS NOT NULL)\(filter)
            ORDER BY r.id
            """
        return try await pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(session.map { [$0] } ?? [])).map { row in
                ModelUsageRow(model: ModelID(row[0] as String),
                              usage: Usage(promptTokens: row[1], completionTokens: row[2], cost: row[3],
                                           cachedTokens: row[4], cacheWriteTokens: row[5]))
            }
        }
    }
}
