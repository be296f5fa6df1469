import Foundation
import GRDB

/// The database schema, as named migrations: add new ones at the end, never edit a shipped one.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: sessions, turns, model results, breakers") { db in
            try db.create(table: SessionRecord.databaseTableName) { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
                t.column("created", .datetime).notNull()
                t.column("updated", .datetime).notNull().indexed()  // most recently used
                t.column("settings", .jsonText).notNull()
            }
            try db.create(table: TurnRecord.databaseTableName) { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("session_id", .integer).notNull()
                    .references(SessionRecord.databaseTableName, onDelete: .cascade)
                t.column("number", .integer).notNull()
                t.column("prompt", .text).notNull()
                t.column("tier", .text).notNull()
                t.column("models", .jsonText).notNull()
                t.column("status", .text).notNull()
                t.column("started", .datetime).notNull()
                t.column("ended", .datetime)
                t.column("final_answer", .text)
                t.column("synthesised", .boolean).notNull().defaults(to: false)
                t.column("chairman", .text)
                t.column("ranking", .jsonText)
                t.column("prompt_tokens", .integer).notNull().defaults(to: 0)
                t.column("completion_tokens", .integer).notNull().defaults(to: 0)
                t.column("cost", .double)
                t.column("replay_of", .integer).indexed()  // the delete of a replayed turn looks it up
                    .references(TurnRecord.databaseTableName, onDelete: .setNull)
                t.column("owner_pid", .integer)
                // Numbers are per session and never repeat, even with two writers.
                t.uniqueKey(["session_id", "number"])
            }
            // The sweep on open looks only at running turns.
            try db.create(index: "turns_on_running", on: TurnRecord.databaseTableName, columns: ["status"],
                          condition: Column("status") == StoredTurnStatus.running.rawValue)
            try db.create(table: ModelResultRecord.databaseTableName) { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("turn_id", .integer).notNull().indexed()
                    .references(TurnRecord.databaseTableName, onDelete: .cascade)
                t.column("stage", .text).notNull()
                t.column("model", .text).notNull().indexed()  // stats per model
                t.column("outcome", .text).notNull()
                t.column("text", .text).notNull().defaults(to: "")
                t.column("latency_ms", .integer).notNull()
                t.column("prompt_tokens", .integer).notNull().defaults(to: 0)
                t.column("completion_tokens", .integer).notNull().defaults(to: 0)
                t.column("cost", .double)
                t.column("error", .text)
                t.column("parsed_ranking", .jsonText)
                t.column("created", .datetime).notNull()
            }
            try db.create(table: BreakerRecord.databaseTableName) { t in
                t.primaryKey("model", .text)
                t.column("state", .jsonText).notNull()
                t.column("updated", .datetime).notNull()
            }
        }
        migrator.registerMigration("v2: typed review verdicts") { db in
            try migrateReviewVerdicts(db)
        }
        migrator.registerMigration("v3: reasoning apart from the answer") { db in
            try db.alter(table: ModelResultRecord.databaseTableName) { t in t.add(column: "reasoning", .text) }
        }
        migrator.registerMigration("v4: the labels each reviewer saw") { db in
            try db.alter(table: ModelResultRecord.databaseTableName) { t in t.add(column: "labels", .jsonText) }
        }
        migrator.registerMigration("v5: time to first token and hedges") { db in
            try db.alter(table: ModelResultRecord.databaseTableName) { t in
                t.add(column: "first_token_ms", .integer)
                t.add(column: "hedged_after_ms", .integer)
            }
            // The latency window (`recentLatency`): each model's newest rows per stage, read from the
            // index alone (it covers every column the window reads).
            try db.create(index: "model_results_recent", on: ModelResultRecord.databaseTableName,
                          columns: ["model", "stage", "id", "outcome", "latency_ms", "first_token_ms", "hedged_after_ms"])
        }
        migrator.registerMigration("v6: attachments, stored once per content") { db in
            try db.create(table: "attachments") { t in
                t.primaryKey("sha256", .text)
                t.column("media_type", .text)  // nil for text
                t.column("content", .blob).notNull()
            }
            try db.create(table: "turn_attachments") { t in
                t.column("turn_id", .integer).notNull().references(TurnRecord.databaseTableName, onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("name", .text).notNull()
                t.column("sha256", .text).notNull().references("attachments")
                t.primaryKey(["turn_id", "position"])
            }
            try db.create(index: "turn_attachments_content", on: "turn_attachments", columns: ["sha256"])
        }
        migrator.registerMigration("v7: the reviewers' agreement") { db in
            try db.alter(table: TurnRecord.databaseTableName) { t in t.add(column: "agreement", .double) }
        }
        migrator.registerMigration("v8: prompt tokens read from the providers' caches") { db in
            try db.alter(table: ModelResultRecord.databaseTableName) { t in
                t.add(column: "cached_tokens", .integer).notNull().defaults(to: 0)
                t.add(column: "cache_write_tokens", .integer).notNull().defaults(to: 0)
            }
            try db.alter(table: TurnRecord.databaseTableName) { t in
                t.add(column: "cached_tokens", .integer).notNull().defaults(to: 0)
            }
        }
        return migrator
    }

    /// `model_results.parsed_ranking` (a JSON array, written only for a counted review) becomes
    /// `verdict`, a JSON object that also says why a review was rejected. Rows written before keep
    /// what they had: the ranking, or the reason recorded in the error of a rejected review.
    private static func migrateReviewVerdicts(_ db: Database) throws {
        try db.alter(table: ModelResultRecord.databaseTableName) { t in
            t.add(column: "verdict", .jsonText)
        }
        // CASE evaluates lazily, so a malformed old value is left out instead of failing the migration.
        try db.execute(sql: """
            UPDATE model_results SET verdict = json_object('ranking', json(parsed_ranking))
            WHERE CASE WHEN json_valid(parsed_ranking) THEN json_type(parsed_ranking) = 'array' ELSE 0 END
            """)
        // How version 1 recorded a rejected review: its failure's text, the reason after this prefix.
        // Frozen here, as a migration must be, whatever the engine says later.
        let rejected = "malformed response: no usable ranking: "
        try db.execute(sql: """
            UPDATE model_results SET verdict = json_object('rejected', substr(error, length(?) + 1))
            WHERE stage = 'review' AND verdict IS NULL AND substr(error, 1, length(?)) = ?
            """, arguments: [rejected, rejected, rejected])
        try db.alter(table: ModelResultRecord.databaseTableName) { t in
            t.drop(column: "parsed_ranking")
        }
    }

    /// Migrates, tolerating another process that migrates the same file at the same moment (the
    /// migrator checks what is applied before it takes the write lock, so the loser of that race
    /// fails on a table that now exists, and the winner may still be applying later migrations): try
    /// again from where the other got to. A migration that fails on its own fails every attempt.
    static func migrate(_ writer: some DatabaseWriter) throws {
        let migrator = migrator
        var attempts = 0
        while true {
            do {
                return try migrator.migrate(writer)
            } catch {
                attempts += 1
                // Through the writer: a reader opened before the migrations end would keep the old schema cached.
                if (try? writer.writeWithoutTransaction(migrator.hasCompletedMigrations)) == true { return }
                guard attempts < 20 else { throw error }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
    }
}
