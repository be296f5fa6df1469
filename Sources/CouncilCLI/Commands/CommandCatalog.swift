/// Every slash command the REPL knows, in the order `/help` lists them. The handler, "did you mean",
/// `/help` and Tab completion read their names, words and help from here and nowhere else.
enum CommandCatalog {
    static let all: [SlashCommand] = CouncilCommands.all + BreakerCommands.all + SessionCommands.all
        + TurnCommands.all + InputCommands.all + JudgementCommands.all + OutputCommands.all

    /// Every name that runs a command, canonical names and aliases, without slashes.
    static let allNames: [String] = all.flatMap(\.names)

    /// The command a name or alias runs, with or without the leading slash.
    static func help(for name: String) -> SlashCommand? {
        let bare = name.hasPrefix("/") ? String(name.dropFirst()) : name
        return all.first { $0.names.contains(bare.lowercased()) }
    }

    /// The text `/help` shows: a command per entry, usages aligned, summaries wrapped to `width`
    /// under their own column (a hanging indent); on a terminal too narrow for two columns, each
    /// summary goes under its usage.
    static func overview(width: Int = .max) -> String {
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
