import CouncilCore
import GRDB

extension CouncilStore {
    /// Saves these models' breakers, merged with what another process saved meanwhile (two REPLs or
    /// `ask` loops on one database count each other's failures); models this board does not hold keep
    /// what is saved. `reset` lists breakers reset here: they are saved as they are, not merged.
    public func saveBreakers(_ board: [ModelID: CircuitBreaker], reset: Set<ModelID> = []) async throws {
        let now = now
        let clock = EpochInstant(now)
        try await pool.write { db in
            for (model, breaker) in board {
                let saved = reset.contains(model) ? nil : try BreakerRecord.fetchOne(db, key: model.rawValue)?.state
                let merged = saved.map { CircuitBreaker.merging(breaker, with: $0, at: clock) } ?? breaker
                try BreakerRecord(model: model, state: merged, updated: now).insert(db, onConflict: .replace)
            }
        }
    }

    /// The saved board, for `BreakerBoard(policy:clock:restoring:)`.
    public func loadBreakers() async throws -> [ModelID: CircuitBreaker] {
        let records = try await pool.read { db in try BreakerRecord.fetchAll(db) }
        return Dictionary(records.map { ($0.model, $0.state) }, uniquingKeysWith: { _, last in last })
    }
}
