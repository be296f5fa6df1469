import CouncilCore
import GRDB

extension CouncilStore {
    /// Saves these models' breakers; models this board does not hold keep what another process saved
    /// (a reset breaker is saved as a fresh one, so it is reset in the file too).
    public func saveBreakers(_ board: [ModelID: CircuitBreaker]) async throws {
        let now = now
        try await pool.write { db in
            for (model, breaker) in board {
                try BreakerRecord(model: model, state: breaker, updated: now).insert(db, onConflict: .replace)
            }
        }
    }

    /// The saved board, for `BreakerBoard(policy:clock:restoring:)`.
    public func loadBreakers() async throws -> [ModelID: CircuitBreaker] {
        let records = try await pool.read { db in try BreakerRecord.fetchAll(db) }
        return Dictionary(records.map { ($0.model, $0.state) }, uniquingKeysWith: { _, last in last })
    }
}
