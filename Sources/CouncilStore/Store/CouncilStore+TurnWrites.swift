import CouncilCore
import Foundation
import GRDB

/// One thing a running turn stores: a model's result as it arrived, or the turn's end.
public enum TurnWrite: Sendable {
    case result(stage: Stage, ModelResult, verdict: ReviewVerdict? = nil, labels: [String: ModelID]? = nil)
    case finish(status: StoredTurnStatus, finalAnswer: String?, synthesised: Bool, chairman: ModelID?,
                ranking: TurnRanking?, usage: Usage)
}

extension CouncilStore {
    /// Stores several writes of one turn in one transaction, in order: results that arrived while an
    /// earlier write was committing cost one commit together instead of one each. All or nothing.
    public func write(_ writes: [TurnWrite], turn: Int64) async throws {
        guard !writes.isEmpty else { return }
        let now = now
        try await pool.write { db in
            for write in writes { try Self.apply(write, turn: turn, at: now, db) }
        }
    }

    static func apply(_ write: TurnWrite, turn: Int64, at now: Date, _ db: Database) throws {
        switch write {
        case .result(let stage, let result, let verdict, let labels):
            var record = resultRecord(turn: turn, stage: stage, result, verdict: verdict, labels: labels, at: now)
            try insert(&record, db)
        case .finish(let status, let finalAnswer, let synthesised, let chairman, let ranking, let usage):
            try finish(turn: turn, status: status, finalAnswer: finalAnswer, synthesised: synthesised, chairman: chairman,
                       ranking: ranking, usage: usage, at: now, db)
        }
    }

    /// The row of an engine `ModelResult` as it is: a rejected review keeps its text and billed usage, a
    /// truncated answer says so in `error` (it arrived, but not whole).
    static func resultRecord(turn: Int64, stage: Stage, _ result: ModelResult, verdict: ReviewVerdict?,
                             labels: [String: ModelID]?, at now: Date) -> ModelResultRecord {
        let answer = result.billedAnswer
        let error: String? = if !result.outcome.isSuccess {
            result.outcome.summary
        } else if answer?.truncated == true {
            truncatedNote
        } else {
            nil
        }
        return resultRecord(turn: turn, stage: stage, model: result.model, outcome: ResultOutcome(result.outcome),
                            text: answer?.text ?? "", latency: result.latency, usage: answer?.usage, error: error,
                            verdict: verdict, reasoning: answer?.reasoning, labels: labels?.isEmpty == false ? labels : nil,
                            firstToken: result.firstToken, hedgedAfter: result.hedgedAfter, at: now)
    }

    static func resultRecord(turn: Int64, stage: Stage, model: ModelID, outcome: ResultOutcome, text: String,
                             latency: Duration, usage: Usage?, error: String?, verdict: ReviewVerdict?,
                             reasoning: String?, labels: [String: ModelID]?, firstToken: Duration? = nil,
                             hedgedAfter: Duration? = nil, at now: Date) -> ModelResultRecord {
        ModelResultRecord(
            id: nil, turnID: turn, stage: stage, model: model, outcome: outcome, text: text,
            latencyMilliseconds: Int(latency.milliseconds.rounded()),
            promptTokens: usage?.promptTokens ?? 0, completionTokens: usage?.completionTokens ?? 0,
            cachedTokens: usage?.cachedTokens ?? 0, cacheWriteTokens: usage?.cacheWriteTokens ?? 0, cost: usage?.cost, error: error, verdict: verdict, created: now, reasoning: reasoning, labels: labels,
            firstTokenMilliseconds: firstToken.map { Int($0.milliseconds.rounded()) },
            hedgedAfterMilliseconds: hedgedAfter.map { Int($0.milliseconds.rounded()) })
    }

    static func insert(_ record: inout ModelResultRecord, _ db: Database) throws {
        guard try TurnRecord.exists(db, key: record.turnID) else { throw StoreError.turnNotFound(record.turnID) }
        try record.insert(db)
    }

    @discardableResult
    static func finish(turn: Int64, status: StoredTurnStatus, finalAnswer: String?, synthesised: Bool, chairman: ModelID?,
                       ranking: TurnRanking?, usage: Usage, at now: Date, _ db: Database) throws -> TurnRecord {
        guard var record = try TurnRecord.fetchOne(db, key: turn) else { throw StoreError.turnNotFound(turn) }
        record.status = status
        record.ended = now
        record.finalAnswer = finalAnswer
        record.synthesised = synthesised
        record.chairman = chairman
        record.ranking = ranking
        record.agreement = ranking?.agreement?.value
        record.promptTokens = usage.promptTokens
        record.completionTokens = usage.completionTokens
        record.cachedTokens = usage.cachedTokens
        record.cost = usage.cost
        try record.update(db)
        return record
    }
}
