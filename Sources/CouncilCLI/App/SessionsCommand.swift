import CouncilStore
import Foundation

/// `council sessions list|show|export|delete`. A database error is reported as itself, never as
/// "no session".
public struct SessionsCommand {
    public let store: CouncilStore
    public let names: ModelNames

    public init(store: CouncilStore, names: ModelNames = ModelNames()) {
        self.store = store
        self.names = names
    }

    public func list() async -> Int32 {
        await reporting {
            var rows = [["session", "turns", "last used"]]
            for item in try await store.listSessions() { rows.append([item.name, String(item.turnCount), TimeText.short(item.lastUsed)]) }
            Console().print(Table.render(rows))
            return 0
        }
    }

    public func show(_ name: String) async -> Int32 {
        await withSession(name) { id in
            var shown: [String] = []
            for summary in try await store.turns(session: id) {
                if let stored = try await store.turn(id: summary.id) {
                    shown.append(StoredTurnView.render(stored, style: Style(enabled: false), names: names) + "\n")
                }
            }
            Console().page(shown.joined(separator: "\n"))
            return 0
        }
    }

    public func export(_ name: String, format: ExportFormat) async -> Int32 {
        await withSession(name) { id in
            Console().printUntrusted(TranscriptExport.render(try await store.transcript(session: id), as: format, names: names))
            return 0
        }
    }

    /// A session with turns is deleted only with `force`: a script cannot answer a question.
    public func delete(_ name: String, force: Bool = false) async -> Int32 {
        await withSession(name) { id in
            let turns = try await store.turns(session: id).count
            guard force || turns == 0 else {
                Console().error("session '\(name)' has \(Plural.count(turns, "turn")); add --force to delete it with them")
                return 1
            }
            try await store.deleteSession(id: id)
            Console().status("deleted session '\(name)'")
            return 0
        }
    }

    private func withSession(_ name: String, _ body: (Int64) async throws -> Int32) async -> Int32 {
        await reporting {
            guard let id = try await store.sessionID(named: name) else { return 1 }
            return try await body(id)
        }
    }

    private func reporting(_ body: () async throws -> Int32) async -> Int32 {
        do {
            return try await body()
        } catch {
            Console().error(UserPath.describe(error))
            return 1
        }
    }
}

extension CouncilStore {
    /// The id of the session called `name`; nil after telling the user there is none (and the nearest name).
    func sessionID(named name: String) async throws -> Int64? {
        if let id = try await session(named: name)?.id { return id }
        Console().error("no session '\(name)'\(WordSuggestion.hint(name, in: try await listSessions().map(\.name)))")
        return nil
    }
}
