import CouncilCore
import Foundation
import GRDB

extension CouncilStore {
    /// Opens a turn as `running` with the session's next number, committed before returning so the
    /// prompt survives a crash. Call it before the first request leaves.
    public func beginTurn(session: Int64, prompt: String, tier: String, models: [ModelID],
                          replayOf: Int64? = nil, attachments: [Attachment] = []) async throws -> TurnRecord {
        let now = now
        return try await pool.write { db in
            try Self.beginTurn(session: session, prompt: prompt, tier: tier, models: models, replayOf: replayOf,
                               attachments: attachments, at: now, db)
        }
    }

    /// The saved breakers of the models a turn may call (`called`) that this process has not read yet,
    /// decoding no other model's window. Read again only when another connection (another process) has
    /// committed since: what this process saved since, it holds already. On the writer's connection,
    /// whose `PRAGMA data_version` counts the other connections' commits, without a transaction (nothing
    /// is written). Nil when they could not be read.
    public func changedBreakers(of called: [ModelID]) async throws -> [ModelID: CircuitBreaker]? {
        try await pool.writeWithoutTransaction { db in
            let version = try Int.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
            let read = self.breakersRead.withLock { $0 }.flatMap { $0.version == version ? $0.models : nil } ?? []
            let unread = called.filter { !read.contains($0) }
            guard !unread.isEmpty else { return [:] }
            guard let records = try? BreakerRecord.filter(keys: unread.map(\.rawValue)).fetchAll(db) else { return nil }
            self.breakersRead.withLock { $0 = (version, read.union(unread)) }
            return Dictionary(records.map { ($0.model, $0.state) }, uniquingKeysWith: { _, last in last })
        }
    }

    private static func beginTurn(session: Int64, prompt: String, tier: String, models: [ModelID], replayOf: Int64?,
                                  attachments: [Attachment], at now: Date, _ db: Database) throws -> TurnRecord {
        let pid = ProcessInfo.processInfo.processIdentifier
        // Cached statements: this runs before a turn's first request leaves, where preparing the SQL
        // each time cost more than running it. One statement checks the session and touches it.
        try db.cachedStatement(sql: "UPDATE sessions SET updated = ? WHERE id = ?").execute(arguments: [StoredDate.text(now), session])
        guard db.changesCount > 0 else { throw StoreError.sessionNotFound(session) }
        // Inside the write transaction (IMMEDIATE), so no other writer can take the same number.
        let last = try Int.fetchOne(db.cachedStatement(sql: "SELECT MAX(number) FROM turns WHERE session_id = ?"),
                                    arguments: [session]) ?? 0
        var turn = TurnRecord(
            id: nil, sessionID: session, number: last + 1, prompt: prompt, tier: tier, models: models,
            status: .running, started: now, ended: nil, finalAnswer: nil, synthesised: false,
            chairman: nil, ranking: nil, promptTokens: 0, completionTokens: 0, cost: nil,
            replayOf: replayOf, ownerPID: pid, agreement: nil)
        // A cached statement rather than the record's generic encoding, which took 150 µs here; the
        // columns left out keep their defaults.
        let models = String(decoding: try TurnRecord.databaseJSONEncoder(for: "models").encode(models), as: UTF8.self)
        try db.cachedStatement(sql: """
            INSERT INTO turns (session_id, number, prompt, tier, models, status, started, replay_of, owner_pid)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [session, turn.number, prompt, tier, models, turn.status, StoredDate.text(now), replayOf, pid])
        turn.id = db.lastInsertedRowID
        // With the turn's row, in its transaction: a stored question never lacks what came with it.
        try attach(attachments, toTurn: turn.id!, db)
        return turn
    }

    /// Records one model's result as it arrives, in its own small transaction.
    @discardableResult
    public func appendResult(turn: Int64, stage: Stage, model: ModelID, outcome: ResultOutcome,
                             text: String = "", latency: Duration, usage: Usage? = nil, error: String? = nil,
                             verdict: ReviewVerdict? = nil, reasoning: String? = nil,
                             labels: [String: ModelID]? = nil, firstToken: Duration? = nil,
                             hedgedAfter: Duration? = nil) async throws -> ModelResultRecord {
        try await append(Self.resultRecord(turn: turn, stage: stage, model: model, outcome: outcome, text: text, latency: latency,
                                           usage: usage, error: error, verdict: verdict, reasoning: reasoning, labels: labels,
                                           firstToken: firstToken, hedgedAfter: hedgedAfter, at: now))
    }

    /// Records an engine `ModelResult` as it is: a rejected review keeps its text and billed usage, a
    /// truncated answer says so in `error` (it arrived, but not whole).
    @discardableResult
    public func appendResult(turn: Int64, stage: Stage, _ result: ModelResult,
                             verdict: ReviewVerdict? = nil, labels: [String: ModelID]? = nil) async throws -> ModelResultRecord {
        try await append(Self.resultRecord(turn: turn, stage: stage, result, verdict: verdict, labels: labels, at: now))
    }

    private func append(_ record: ModelResultRecord) async throws -> ModelResultRecord {
        try await pool.write { [record] db in
            var record = record
            try Self.insert(&record, db)
            return record
        }
    }

    /// What the `error` column of an answer cut at the size cap says.
    public static let truncatedNote = "truncated: the answer reached max_answer_bytes and its request was cancelled"

    /// Closes a turn with how it ended and its totals.
    @discardableResult
    public func finishTurn(turn: Int64, status: StoredTurnStatus, finalAnswer: String?, synthesised: Bool,
                           chairman: ModelID?, ranking: TurnRanking?, usage: Usage) async throws -> TurnRecord {
        let now = now
        return try await pool.write { db in
            try Self.finish(turn: turn, status: status, finalAnswer: finalAnswer, synthesised: synthesised, chairman: chairman,
                            ranking: ranking, usage: usage, at: now, db)
        }
    }

    /// A turn with its results in arrival order.
    public func turn(id: Int64) async throws -> TurnWithResults? {
        try await pool.read { db in
            try TurnRecord.filter(key: id).withResults().fetchOne(db)?.withAttachments(db)
        }
    }

    /// A turn by its number within a session (`/show 3`, `/replay 3`).
    public func turn(session: Int64, number: Int) async throws -> TurnWithResults? {
        try await pool.read { db in
            try TurnRecord
                .filter(TurnRecord.Columns.sessionID == session && TurnRecord.Columns.number == number)
                .withResults().fetchOne(db)?.withAttachments(db)
        }
    }

    /// The session's newest turn number; nil while it has none. One small query, so the REPL can ask
    /// before every line without listing the session.
    public func lastTurnNumber(session: Int64) async throws -> Int? {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT MAX(number) FROM turns WHERE session_id = ?", arguments: [session])
        }
    }

    /// A session's turns in order, one summary line each.
    public func turns(session: Int64) async throws -> [TurnSummary] {
        struct Row: Decodable, FetchableRecord {
            var turn: TurnRecord
            var arrivedCount: Int
        }
        // A subquery rather than an association's `count`, which GRDB names with regular expressions that load ICU.
        let arrived: SQL = """
            (SELECT COUNT(*) FROM model_results WHERE model_results.turn_id = turns.id
             AND model_results.stage = \(Stage.generation) AND model_results.outcome = \(ResultOutcome.arrived))
            """
        let rows = try await pool.read { db in
            try TurnRecord
                .filter(TurnRecord.Columns.sessionID == session)
                .annotated(with: arrived.forKey("arrivedCount"))
                .order(TurnRecord.Columns.number)
                .asRequest(of: Row.self)
                .fetchAll(db)
        }
        return rows.map { row in
            TurnSummary(id: row.turn.id!, number: row.turn.number, started: row.turn.started, tier: row.turn.tier,
                        status: row.turn.status, arrived: row.arrivedCount, asked: row.turn.models.count,
                        promptFirstLine: Self.firstLine(of: row.turn.prompt), replayOf: row.turn.replayOf,
                        agreement: row.turn.agreement)
        }
    }

    /// The conversation the next turn carries: the last `limit` exchanges that got a final answer, or,
    /// in `answers` mode, at least one model's answer (each model's kept), oldest first. An exchange is kept once: a retry or replay of turn N that was answered takes N's
    /// place (the newest answer wins), and N stays stored. Only exchanges at turn `from` and later and
    /// before `before` count: `/clear` moves `from`, a replay of turn N sees what came before N.
    public func recentExchanges(session: Int64, limit: Int, from: Int = 1, before: Int = .max) async throws -> [ConversationTurn] {
        try await pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, number, replay_of, final_answer IS NOT NULL OR EXISTS (
                    SELECT 1 FROM model_results r WHERE r.turn_id = turns.id AND r.stage = ? AND r.outcome = ?
                ) AS answered FROM turns
                WHERE session_id = ? ORDER BY number
                """, arguments: [Stage.generation.rawValue, ResultOutcome.arrived.rawValue, session])
            let numbers = Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as Int64, $0["number"] as Int) })
            let repeats = Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as Int64, $0["replay_of"] as Int64?) })
            /// The turn an exchange first stood at: replays of replays lead back to the original.
            func origin(of id: Int64) -> Int64 {
                var current = id, seen: Set<Int64> = [id]
                while let earlier = repeats[current] ?? nil, numbers[earlier] != nil, seen.insert(earlier).inserted { current = earlier }
                return current
            }
            var place: [Int: Int64] = [:]  // exchange position (a turn number) → the turn whose answer stands there
            for row in rows where row["answered"] as Bool {
                let id: Int64 = row["id"]
                let number = numbers[origin(of: id)]!
                // A replay of a turn before `/clear` is a new exchange of the fresh conversation.
                place[number >= from ? number : numbers[id]!] = id
            }
            let chosen = place.filter { $0.key >= from && $0.key < before }.sorted { $0.key < $1.key }.suffix(limit)
            let records = try TurnRecord.filter(keys: chosen.map(\.value)).fetchAll(db)
            let byID = Dictionary(uniqueKeysWithValues: records.map { ($0.id!, $0) })
            // Turns without a final answer: every model's own answer, in arrival order.
            let unsynthesised = records.filter { $0.finalAnswer == nil }.compactMap(\.id)
            let answers = try ModelResultRecord
                .filter(unsynthesised.contains(ModelResultRecord.Columns.turnID))
                .filter(ModelResultRecord.Columns.stage == Stage.generation && ModelResultRecord.Columns.outcome == ResultOutcome.arrived)
                .order(ModelResultRecord.Columns.id)
                .fetchAll(db)
            let answersByTurn = Dictionary(grouping: answers, by: \.turnID)
            let attached = try Self.attachments(of: chosen.map(\.value), db)
            return chosen.compactMap { _, id -> ConversationTurn? in
                guard let turn = byID[id] else { return nil }
                let attachments = attached[id]?.map(\.attachment) ?? []
                if let answer = turn.finalAnswer { return ConversationTurn(prompt: turn.prompt, answer: answer, attachments: attachments) }
                guard let own = answersByTurn[id], let first = own.first else { return nil }
                return ConversationTurn(prompt: turn.prompt, answer: first.text,
                                        answersByModel: Dictionary(own.map { ($0.model, $0.text) }) { first, _ in first },
                                        attachments: attachments)
            }
        }
    }

    static func firstLine(of text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return String(trimmed.prefix { !$0.isNewline })
    }
}

extension QueryInterfaceRequest<TurnRecord> {
    /// The turns, each with its results in arrival order.
    func withResults() -> QueryInterfaceRequest<TurnWithResults> {
        including(all: TurnRecord.results.order(ModelResultRecord.Columns.id))
            .asRequest(of: TurnWithResults.self)
    }
}
