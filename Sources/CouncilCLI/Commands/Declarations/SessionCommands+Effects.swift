import CouncilCore
import CouncilStore

/// What the session commands do to the store and the open session.
extension CommandEffect {
    static let exit = CommandEffect("exit", endsRepl: true) { _, _ in }

    static let showSession = CommandEffect("showSession") { services, state in
        let turns = try await services.store.turns(session: state.session.id)
        services.console.status("session '\(state.session.name)' — \(Plural.count(turns.count, "turn")), tier \(state.settings.tierLabel), "
                                + "\(Plural.count(state.history.count, "exchange")) in context")
    }

    static let listSessions = CommandEffect("listSessions") { services, state in
        var rows = [["", "session", "turns", "last used"]]
        for item in try await services.store.listSessions() {
            rows.append([item.id == state.session.id ? "*" : "", item.name, String(item.turnCount), TimeText.short(item.lastUsed)])
        }
        services.console.print(Table.render(rows))
    }

    static func newSession(name: String?) -> CommandEffect {
        CommandEffect("newSession(\(name ?? ""))") { services, state in
            let store = services.store
            let fresh = if let name { try await store.createSession(named: name) } else { try await store.createFreshSession() }
            state = try await services.opening(fresh)
            services.console.status("new session '\(fresh.name)'")
        }
    }

    static func openSession(name: String) -> CommandEffect {
        CommandEffect("openSession(\(name))") { services, state in
            let store = services.store
            guard let found = try await store.session(named: name) else {
                let names = try await store.listSessions().map(\.name)
                return services.console.error("no session '\(name)'\(WordSuggestion.hint(name, in: names)) (/sessions lists them)")
            }
            state = try await services.opening(found)
            try await store.touchSession(id: state.session.id)
            services.console.status("opened session '\(found.name)' — tier \(state.settings.tierLabel), "
                                    + "\(Plural.count(state.history.count, "exchange")) in context")
        }
    }

    static func renameSession(to name: String) -> CommandEffect {
        CommandEffect("renameSession(\(name))") { services, state in
            try await services.store.renameSession(id: state.session.id, to: name)
            state.session.name = name
            services.console.status("session renamed to '\(name)'")
        }
    }

    static func deleteSession(name: String) -> CommandEffect {
        CommandEffect("deleteSession(\(name))") { services, _ in
            let store = services.store
            guard let found = try await store.session(named: name), let id = found.id else {
                return services.console.error("no session '\(name)' (/sessions lists them)")
            }
            let turns = try await store.turns(session: id).count
            if turns > 0, !(await services.confirm("delete session '\(name)' and its \(Plural.count(turns, "turn"))? [y/N] ", false)) {
                return services.console.status("kept session '\(name)'")
            }
            try await store.deleteSession(id: id)
            services.console.status("deleted session '\(name)'")
        }
    }
}
