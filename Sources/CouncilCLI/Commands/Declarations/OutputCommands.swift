import CouncilCore

/// What the REPL prints and where answers go: help, rendering, the clipboard, exports and usage.
enum OutputCommands {
    static let all: [SlashCommand] = [help, export, stats, raw, copy]

    static let help = SlashCommand(
        name: "help", usage: "/help [COMMAND]", summary: "list the commands, or explain one",
        detail: "/help alone lists every command; /help tier (or /help /tier) explains one.",
        arguments: [CommandArgument(words: .commands)]) { words, invocation throws(CommandError) in
        guard let topic = words.next() else {
            return CommandReaction(state: invocation.state, messages: [.output(CommandCatalog.overview(width: invocation.context.width))])
        }
        try words.expectEnd()
        guard let command = CommandCatalog.help(for: topic) else {
            let bare = topic.hasPrefix("/") ? String(topic.dropFirst()) : topic
            throw .unknownHelpTopic(bare, suggestion: WordSuggestion.nearest(bare, in: CommandCatalog.allNames))
        }
        return CommandReaction(state: invocation.state, messages: [.output(command.fullText)])
    }

    static let export = SlashCommand(
        name: "export", usage: "/export md|json [FILE]", summary: "export the session as Markdown or JSON",
        detail: """
        Writes the session to FILE, created readable by you only; an existing file is never replaced.
        Without FILE the transcript is printed.
        """,
        arguments: [.fixed(ExportFormat.allCases.map(\.rawValue))]) { words, invocation throws(CommandError) in
        let format = try words.choice(of: ExportFormat.self, what: "export format", allowingMore: true)
        return invocation.perform(.export(format, file: words.rest()))
    }

    static let stats = SlashCommand.effect(
        "stats", usage: "/stats", summary: "show tokens and cost per model, in this session and in total",
        detail: """
        Tokens in and out and cost per model, for this session and over every stored session, with a total line.
        Cost is the provider's own figure where it reports one (OpenRouter does), else the configured price;
        a sum with unpriced calls is shown as a lower bound (≥). /models shows calls, latency and failures.
        """, .showStats)

    static let raw = SlashCommand(
        name: "raw", usage: "/raw [on|off]", summary: "print answers as the model wrote them, or render their Markdown",
        detail: """
        On a terminal answers are rendered: headings, bold and italic, lists, quotes, code blocks and tables
        aligned to the window. /raw on prints the Markdown as written; /raw alone switches between the two.
        """,
        arguments: [.onOff]) { words, invocation throws(CommandError) in
        var next = invocation.state
        // A display choice for this run, not saved with the session.
        next.rawOutput = words.atEnd ? !next.rawOutput : try words.choice(of: OnOff.self, what: "setting") == .on
        return CommandReaction(state: next, messages: [.status(next.rawOutput
            ? "raw: on — answers are printed as the model wrote them"
            : "raw: off — answers are rendered (Markdown) on a terminal")])
    }

    static let copy = SlashCommand(
        name: "copy", usage: "/copy [N] [MODEL]",
        summary: "put the last final answer (or turn N's, or one model's) on the clipboard",
        detail: """
        Uses wl-copy under Wayland, xclip or xsel under X11, else the terminal's clipboard (OSC 52, which
        works over SSH too); it says which. With MODEL, that model's own answer instead of the final one.
        """,
        arguments: [CommandArgument(words: .models, repeats: true)]) { words, invocation throws(CommandError) in
        var turn: Int?
        var word = words.next()
        if let number = word.flatMap(Int.init) {
            guard number > 0 else { throw .notAPositiveWholeNumber(command: "copy") }
            turn = number
            word = words.next()
        }
        try words.expectEnd()
        guard turn != nil || invocation.state.lastTurnNumber != nil else {
            return invocation.fail("nothing to copy yet: this session has no turns")
        }
        return invocation.perform(.copy(turn: turn, model: word.map { ModelID($0) }))
    }
}
