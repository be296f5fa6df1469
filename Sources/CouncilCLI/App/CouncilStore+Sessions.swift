import CouncilStore

extension CouncilStore {
    /// The named session, created when it does not exist yet.
    public func sessionOrNew(named name: String) async throws -> SessionRecord {
        if let found = try await session(named: name) { return found }
        do {
            return try await createSession(named: name)
        } catch StoreError.sessionNameTaken {
            // Another process created it between the two calls.
            guard let found = try await session(named: name) else { throw StoreError.sessionNameTaken(name) }
            return found
        }
    }

    /// A new session under a date-and-time name no other session has.
    func createFreshSession(suffix: String = "") async throws -> SessionRecord {
        try await createSession(named: SessionNames.fresh(existing: listSessions().map(\.name)) + suffix)
    }
}
