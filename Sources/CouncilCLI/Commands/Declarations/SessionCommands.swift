import CouncilCore

/// Stored sessions: the one open, the others, starting afresh and leaving.
enum SessionCommands {
    static let all: [SlashCommand] = [session, sessions, clear, exit]

    static let session = SlashCommand(
        name: "session", usage: "/session [new [NAME]|open NAME|rename NAME|delete NAME]",
        summary: "show the current session, or start, open, rename or delete one",
        detail: """
        /session shows the current session. new starts a fresh one (optionally named), open resumes a
        stored one, rename renames the current one, delete removes a stored one and its turns.
        """,
        arguments: [.fixed(["new", "open", "rename", "delete"], following: ["open": [.session], "delete": [.session]])]) {
        words, invocation throws(CommandError) in
        guard let word = words.next() else { return invocation.perform(.showSession) }
        let action = word.lowercased()
        guard ["new", "open", "rename", "delete"].contains(action) else {
            throw .invalidChoice(what: "session action", value: word, valid: ["new", "open", "rename", "delete"])
        }
        let name = words.rest()
        if action == "new" {
            if let name, let problem = SessionNames.problem(with: name) { return invocation.fail(problem) }
            return invocation.perform(.newSession(name: name.map(SessionNames.trimmed)))
        }
        guard let name else { throw .missingArgument(command: "session", usage: "/session \(action) NAME") }
        switch action {
        case "open":
            return invocation.perform(.openSession(name: name))
        case "rename":
            if let problem = SessionNames.problem(with: name) { return invocation.fail(problem) }
            return invocation.perform(.renameSession(to: SessionNames.trimmed(name)))
        default:
            guard name != invocation.state.session.name else {
                return invocation.fail("'\(name)' is the open session; open another one first (/session open NAME or /session new)")
            }
            return invocation.perform(.deleteSession(name: name))
        }
    }

    static let sessions = SlashCommand.effect(
        "sessions", usage: "/sessions", summary: "list the stored sessions",
        detail: "Lists stored sessions with their names, number of turns and when they were last used.", .listSessions)

    static let clear = SlashCommand(
        name: "clear", usage: "/clear", summary: "start the conversation afresh (earlier turns stay stored)",
        detail: "Later prompts no longer carry the earlier turns as context. The session's stored turns are kept.") {
        words, invocation throws(CommandError) in
        try words.expectEnd()
        var next = invocation.state
        next.history = []
        next.settings.contextFromTurn = (invocation.state.lastTurnNumber ?? 0) + 1
        return invocation.saving(next, ["context cleared: the next question starts a fresh conversation (earlier turns stay in the session)"])
    }

    static let exit = SlashCommand.effect(
        "exit", aliases: ["quit"], usage: "/exit", summary: "leave council (Ctrl-D does the same)",
        detail: "Leaves the REPL. The session is stored and can be opened again with /session open.", .exit)
}
