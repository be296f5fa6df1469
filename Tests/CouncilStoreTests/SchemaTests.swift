import Foundation
import GRDB
import Testing
@testable import CouncilStore

@Suite(.timeLimit(.minutes(2))) struct SchemaTests {
    @Test func migratesAnEmptyFile() async throws {
        let database = try TemporaryDatabase()
        #expect(!FileManager.default.fileExists(atPath: database.path))
        let store = try database.open()
        #expect(FileManager.default.fileExists(atPath: database.path))

        let (tables, applied, complete, journalMode) = try await store.pool.read { db in
            (try ["sessions", "turns", "model_results", "breakers"].filter { try db.tableExists($0) },
             try StoreSchema.migrator.appliedMigrations(db),
             try StoreSchema.migrator.hasCompletedMigrations(db),
             try String.fetchOne(db, sql: "PRAGMA journal_mode"))
        }
        #expect(tables == ["sessions", "turns", "model_results", "breakers"])
        #expect(applied == StoreSchema.migrator.migrations)
        #expect(!applied.isEmpty)
        #expect(complete)
        #expect(journalMode == "wal")
        #expect(store.interruptedOnOpen == 0)
    }

    @Test func reopeningAppliesNothingTwice() async throws {
        let database = try TemporaryDatabase()
        let first = try database.open()
        _ = try await first.createSession(named: "kept")
        let second = try database.open()
        #expect(try await second.session(named: "kept") != nil)
    }

    @Test func queriedColumnsAreIndexed() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        let indexed = try await store.pool.read { db in
            (try db.indexes(on: "turns").map(\.columns),
             try db.indexes(on: "model_results").map(\.columns),
             try db.indexes(on: "sessions").map(\.columns))
        }
        #expect(indexed.0.contains(["session_id", "number"]))
        #expect(indexed.0.contains(["status"]))
        #expect(indexed.1.contains(["turn_id"]))
        #expect(indexed.1.contains(["model"]))
        #expect(indexed.2.contains(["name"]))
        #expect(indexed.2.contains(["updated"]))
    }
}
