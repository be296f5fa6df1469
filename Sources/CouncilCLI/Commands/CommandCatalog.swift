import Foundation

/// Every slash command the REPL knows, with its help. The parser and tab completion read their
/// command names from here, so a command cannot exist without help.
public enum CommandCatalog {
    public static let all: [CommandHelp] = [
        CommandHelp(
            name: .tier, aliases: [], usage: "/tier NAME|auto",
            summary: "switch the council to a tier of models",
            detail: """
            Tiers are quick, balanced, high and reasoning; each has its own set of models in the
            configuration. auto picks a tier from the question. The prompt shows the current tier.
            """),
        CommandHelp(
            name: .models, aliases: [], usage: "/models",
            summary: "list the models, which sit on the council, their breakers and latency",
            detail: """
            Shows every model the configuration names: whether it sits on the current council (✔), its breaker,
            calls, success rate, answer latency (p50/p95), failures and unranked reviews (answered, but with no
            usable ranking: the ballot is lost, the seat kept); then the tier, chairman and mode.
            """),
        CommandHelp(
            name: .enable, aliases: [], usage: "/enable ID…",
            summary: "add models of the tier back to the council",
            detail: "Enables one or more models of the current tier (ids as /models lists them)."),
        CommandHelp(
            name: .disable, aliases: [], usage: "/disable ID…",
            summary: "leave models of the tier out of the council",
            detail: "Disables one or more models of the current tier until you enable them or switch tier."),
        CommandHelp(
            name: .toggle, aliases: [], usage: "/toggle ID",
            summary: "enable a disabled model or disable an enabled one",
            detail: "Flips one model of the current tier between enabled and disabled."),
        CommandHelp(
            name: .only, aliases: [], usage: "/only ID…",
            summary: "enable just these models and disable the rest",
            detail: "Enables the given models of the current tier and disables every other one."),
        CommandHelp(
            name: .chairman, aliases: [], usage: "/chairman ID",
            summary: "choose the model that writes the final answer",
            detail: "The chairman reads the answers and the peer reviews and writes the synthesis (stage 3)."),
        CommandHelp(
            name: .min, aliases: [], usage: "/min N",
            summary: "how many answers the council waits for before moving on",
            detail: """
            Once N models have answered, the rest are cancelled (early completion). N is a positive whole
            number; it cannot usefully exceed the number of enabled models.
            """),
        CommandHelp(
            name: .timeout, aliases: [], usage: "/timeout SECONDS|auto",
            summary: "how long each model may take to answer",
            detail: """
            A model that has not answered after SECONDS (a positive number, e.g. 30 or 2.5) counts as timed out.
            auto gives each model 1.5 × its recent p95 latency in each stage (at least 5 s, at most the tier's
            timeout) once it has 20 answers stored; /models shows the timeout in force.
            """),
        CommandHelp(
            name: .hedge, aliases: [], usage: "/hedge off|SECONDS|auto",
            summary: "send a slow model's request once more when no first token came in time",
            detail: """
            When a model has sent no token after SECONDS, the same request is sent once more and the first
            copy to stream is kept (the other is cancelled); at most one extra request per model and stage.
            auto uses each model's recent p95 time to first token once 20 are stored; off sends none.
            """),
        CommandHelp(
            name: .system, aliases: [], usage: "/system [TEXT|off]",
            summary: "set the system prompt every model gets in this session",
            detail: """
            /system TEXT sends TEXT as the system prompt to every model (the chairman follows its own brief
            with it); /system off sends none, whatever the configuration says. Stored with the session.
            Typed alone it shows the prompt in force.
            """),
        CommandHelp(
            name: .review, aliases: [], usage: "/review on|off",
            summary: "turn the peer-review stage on or off",
            detail: "With review off the chairman synthesises straight from the answers, which is faster and cheaper."),
        CommandHelp(
            name: .mode, aliases: [], usage: "/mode full|synth|answers",
            summary: "choose what a turn prints",
            detail: """
            full: every answer, the review ranking and the synthesis. synth: only the chairman's synthesis.
            answers: only the models' answers, without review or synthesis.
            """),
        CommandHelp(
            name: .breakers, aliases: [], usage: "/breakers [reset [ID]]",
            summary: "show circuit breakers, or reset them",
            detail: """
            A model that keeps failing (timeouts, 5xx, 429, refused or cut connections, malformed bodies; not a
            rejected key or an unknown model) is skipped for a while by its circuit breaker. /breakers shows each
            model's breaker and its live window; /breakers reset closes them all, /breakers reset ID closes one.
            Scripts: council breakers [list|reset [ID]].
            """),
        CommandHelp(
            name: .clear, aliases: [], usage: "/clear",
            summary: "start the conversation afresh (earlier turns stay stored)",
            detail: "Later prompts no longer carry the earlier turns as context. The session's stored turns are kept."),
        CommandHelp(
            name: .config, aliases: [], usage: "/config",
            summary: "show the effective configuration and where each value came from",
            detail: "Prints every setting with its source (flag, environment, file, default); API keys are redacted."),
        CommandHelp(
            name: .help, aliases: [], usage: "/help [COMMAND]",
            summary: "list the commands, or explain one",
            detail: "/help alone lists every command; /help tier (or /help /tier) explains one."),
        CommandHelp(
            name: .exit, aliases: ["quit"], usage: "/exit",
            summary: "leave council (Ctrl-D does the same)",
            detail: "Leaves the REPL. The session is stored and can be opened again with /session open."),
        CommandHelp(
            name: .session, aliases: [], usage: "/session [new [NAME]|open NAME|rename NAME|delete NAME]",
            summary: "show the current session, or start, open, rename or delete one",
            detail: """
            /session shows the current session. new starts a fresh one (optionally named), open resumes a
            stored one, rename renames the current one, delete removes a stored one and its turns.
            """),
        CommandHelp(
            name: .sessions, aliases: [], usage: "/sessions",
            summary: "list the stored sessions",
            detail: "Lists stored sessions with their names, number of turns and when they were last used."),
        CommandHelp(
            name: .history, aliases: [], usage: "/history",
            summary: "list the turns of this session",
            detail: "Lists the session's turns by number with their prompts and statuses; use the numbers with /show and /replay."),
        CommandHelp(
            name: .show, aliases: [], usage: "/show [N [MODEL]]",
            summary: "show turn N again (the last turn without N), or one model's part in it",
            detail: """
            Prints turn N as it was stored: answers, reviews, ranking and the final answer. With a model id, only
            that model's answer and review, in full.
            """),
        CommandHelp(
            name: .replay, aliases: [], usage: "/replay N",
            summary: "ask turn N's prompt again with the current settings",
            detail: "Sends the prompt of turn N to the council again, as a new turn, with the current tier and settings."),
        CommandHelp(
            name: .retry, aliases: [], usage: "/retry",
            summary: "ask the last prompt again",
            detail: "Sends the last prompt again as a new turn, e.g. after a timeout or a change of models."),
        CommandHelp(
            name: .export, aliases: [], usage: "/export md|json [FILE]",
            summary: "export the session as Markdown or JSON",
            detail: """
            Writes the session to FILE, created readable by you only; an existing file is never replaced.
            Without FILE the transcript is printed.
            """),
        CommandHelp(
            name: .stats, aliases: [], usage: "/stats",
            summary: "show tokens and cost per model, in this session and in total",
            detail: """
            Tokens in and out and cost per model, for this session and over every stored session, with a total line.
            Cost is the provider's own figure where it reports one (OpenRouter does), else the configured price;
            a sum with unpriced calls is shown as a lower bound (≥). /models shows calls, latency and failures.
            """),
        CommandHelp(
            name: .edit, aliases: [], usage: "/edit",
            summary: "write the next prompt in $VISUAL or $EDITOR",
            detail: "Opens your editor ($VISUAL, else $EDITOR, else vi); the saved text is sent as the prompt."),
        CommandHelp(
            name: .raw, aliases: [], usage: "/raw [on|off]",
            summary: "print answers as the model wrote them, or render their Markdown",
            detail: """
            On a terminal answers are rendered: headings, bold and italic, lists, quotes, code blocks and tables
            aligned to the window. /raw on prints the Markdown as written; /raw alone switches between the two.
            """),
        CommandHelp(
            name: .copy, aliases: [], usage: "/copy [N] [MODEL]",
            summary: "put the last final answer (or turn N's, or one model's) on the clipboard",
            detail: """
            Uses wl-copy under Wayland, xclip or xsel under X11, else the terminal's clipboard (OSC 52, which
            works over SSH too); it says which. With MODEL, that model's own answer instead of the final one.
            """),
    ]

    /// Every name that parses, canonical names and aliases, without slashes.
    public static let allNames: [String] = all.flatMap { [$0.name.rawValue] + $0.aliases }

    public static func help(for name: CommandName) -> CommandHelp { all.first { $0.name == name }! }

    /// Help for a name or alias, with or without the leading slash.
    public static func help(for name: String) -> CommandHelp? {
        let bare = name.hasPrefix("/") ? String(name.dropFirst()) : name
        return all.first { $0.name.rawValue == bare || $0.aliases.contains(bare) }
    }

    /// The text `/help` shows: a command per entry, usages aligned, summaries wrapped to `width`
    /// under their own column (a hanging indent); on a terminal too narrow for two columns, each
    /// summary goes under its usage.
    public static func overview(width: Int = .max) -> String {
        let widest = (all.map(\.usage.count).max() ?? 0) + 2
        let column = width - widest >= 30 ? widest : 4
        let indent = String(repeating: " ", count: column)
        return all.map { help in
            let lines = MarkdownTable.wrap(help.summary, width: max(20, width - column))
            let head = column == 4 ? help.usage + "\n" + indent : help.usage.padding(toLength: column, withPad: " ", startingAt: 0)
            return head + lines.joined(separator: "\n" + indent)
        }.joined(separator: "\n")
    }
}
