import CouncilCore
import GRDB

extension CouncilStore {
    /// Replaces the saved board with this one: a model reset on the board is gone from the file too.
    public func saveBreakers(_ board: [ModelID: CircuitBreaker]) async throws {
        let now = now
        try await pool.write { db in
            try BreakerRecord.deleteAll(db)
            for (model, breaker) in board {
                try BreakerRecord(model: model, state: breaker, updated: now).insert(db)
            }
        }
    }

    /// The saved board, for `BreakerBoard(policy:clock:restoring:)`.
    public func loadBreakers() async throws -> [ModelID: CircuitBreaker] {
        let records = try await pool.read { db in try BreakerRecord.fetchAll(db) }
        return Dictionary(records.map { ($0.model, $0.state) }, uniquingKeysWith: { _, last in last })
    }
}
