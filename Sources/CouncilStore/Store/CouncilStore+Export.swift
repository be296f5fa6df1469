import GRDB

extension CouncilStore {
    /// A whole session, its turns in order and each turn's results in arrival order.
    public func transcript(session id: Int64) async throws -> SessionTranscript {
        try await pool.read { db in
            guard let session = try SessionRecord.fetchOne(db, key: id) else { throw StoreError.sessionNotFound(id) }
            let turns = try TurnRecord
                .filter(TurnRecord.Columns.sessionID == id)
                .order(TurnRecord.Columns.number)
                .withResults()
                .fetchAll(db)
            let attached = try Self.attachments(of: turns.compactMap(\.turn.id), db)
            return SessionTranscript(session: session, turns: turns.map { turn in
                var turn = turn
                turn.attachments = attached[turn.turn.id ?? -1] ?? []
                return turn
            })
        }
    }
}
