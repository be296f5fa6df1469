import CouncilCore

/// The session's turns: listing them, showing one again, asking one again, writing the next in an editor.
enum TurnCommands {
    static let all: [SlashCommand] = [history, show, replay, retry, edit]

    static let history = SlashCommand.effect(
        "history", usage: "/history", summary: "list the turns of this session",
        detail: "Lists the session's turns by number with their prompts and statuses; use the numbers with /show and /replay.", .showHistory)

    static let show = SlashCommand(
        name: "show", usage: "/show [N [MODEL]]",
        summary: "show turn N again (the last turn without N), or one model's part in it",
        detail: """
        Prints turn N as it was stored: answers, reviews, ranking and the final answer. With a model id, only
        that model's answer and review, in full.
        """,
        arguments: [.fixed([]), .model]) { words, invocation throws(CommandError) in
        let requested = try words.turnNumber()
        let model = requested == nil ? nil : words.next().map { ModelID($0) }
        try words.expectEnd()
        guard let number = requested ?? invocation.state.lastTurnNumber else {
            return invocation.fail("no turns yet in session '\(invocation.state.session.name)'")
        }
        return invocation.perform(.showTurn(number, model: model))
    }

    static let replay = SlashCommand(
        name: "replay", usage: "/replay N", summary: "ask turn N's prompt again with the current settings",
        detail: "Sends the prompt of turn N to the council again, as a new turn, with the current tier and settings.") {
        words, invocation throws(CommandError) in
        let requested = try words.turnNumber()
        try words.expectEnd()
        guard let number = requested ?? invocation.state.lastTurnNumber else {
            return invocation.fail("nothing to replay yet: this session has no turns")
        }
        return invocation.perform(.replay(turn: number))
    }

    static let retry = SlashCommand(
        name: "retry", usage: "/retry", summary: "ask the last prompt again",
        detail: "Sends the last prompt again as a new turn, e.g. after a timeout or a change of models.") {
        words, invocation throws(CommandError) in
        try words.expectEnd()
        guard let last = invocation.state.lastTurnNumber else { return invocation.fail("nothing to retry yet: this session has no turns") }
        return invocation.perform(.replay(turn: last))
    }

    static let edit = SlashCommand.effect(
        "edit", usage: "/edit", summary: "write the next prompt in $VISUAL or $EDITOR",
        detail: "Opens your editor ($VISUAL, else $EDITOR, else vi); the saved text is sent as the prompt.", .editPrompt)
}
