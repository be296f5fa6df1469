import Foundation
import GRDB

extension CouncilStore {
    /// Creates a session; throws `StoreError.sessionNameTaken` if the name is in use.
    public func createSession(named name: String, settings: SessionSettings = SessionSettings()) async throws -> SessionRecord {
        let now = now
        return try await translatingNameClash(name) {
            try await pool.write { db in
                var session = SessionRecord(name: name, created: now, updated: now, settings: settings)
                try session.insert(db)
                return session
            }
        }
    }

    public func session(named name: String) async throws -> SessionRecord? {
        try await pool.read { db in
            try SessionRecord.filter(SessionRecord.Columns.name == name).fetchOne(db)
        }
    }

    public func session(id: Int64) async throws -> SessionRecord? {
        try await pool.read { db in try SessionRecord.fetchOne(db, key: id) }
    }

    /// Every session, most recently used first.
    public func listSessions() async throws -> [SessionSummary] {
        struct Row: Decodable, FetchableRecord {
            var session: SessionRecord
            var turnCount: Int
        }
        // A subquery rather than `SessionRecord.turns.count`: GRDB names that aggregate with its English
        // inflections, about a hundred regular expressions whose first use loads ICU for good (issue 15).
        let turnCount = SQL(sql: "(SELECT COUNT(*) FROM turns WHERE turns.session_id = sessions.id)")
        let rows = try await pool.read { db in
            try SessionRecord
                .annotated(with: turnCount.forKey("turnCount"))
                .order(SessionRecord.Columns.updated.desc, SessionRecord.Columns.id.desc)
                .asRequest(of: Row.self)
                .fetchAll(db)
        }
        return rows.map { row in
            SessionSummary(id: row.session.id!, name: row.session.name, turnCount: row.turnCount,
                           created: row.session.created, lastUsed: row.session.updated)
        }
    }

    public func renameSession(id: Int64, to newName: String) async throws {
        try await translatingNameClash(newName) {
            try await pool.write { db in
                let changed = try SessionRecord.filter(key: id)
                    .updateAll(db, SessionRecord.Columns.name.set(to: newName))
                if changed == 0 { throw StoreError.sessionNotFound(id) }
            }
        }
    }

    /// Deletes the session with its turns and their results (foreign keys cascade).
    public func deleteSession(id: Int64) async throws {
        try await pool.write { db in
            if try !SessionRecord.deleteOne(db, key: id) { throw StoreError.sessionNotFound(id) }
            try Self.dropUnusedAttachments(db)
        }
    }

    public func updateSettings(session id: Int64, _ settings: SessionSettings) async throws {
        let now = now
        try await pool.write { db in
            let changed = try SessionRecord.filter(key: id).updateAll(
                db, SessionRecord.Columns.settings.set(to: settings.databaseJSON()),
                SessionRecord.Columns.updated.set(to: StoredDate.text(now)))
            if changed == 0 { throw StoreError.sessionNotFound(id) }
        }
    }

    /// Marks the session as just used.
    public func touchSession(id: Int64) async throws {
        let now = now
        try await pool.write { db in
            let changed = try SessionRecord.filter(key: id).updateAll(db, SessionRecord.Columns.updated.set(to: StoredDate.text(now)))
            if changed == 0 { throw StoreError.sessionNotFound(id) }
        }
    }

    private func translatingNameClash<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw StoreError.sessionNameTaken(name)
        }
    }
}

extension SessionSettings {
    /// The JSON text the `settings` column holds, encoded the way GRDB encodes the record.
    func databaseJSON() throws -> String {
        let data = try SessionRecord.databaseJSONEncoder(for: SessionRecord.CodingKeys.settings.stringValue).encode(self)
        return String(decoding: data, as: UTF8.self)
    }
}
