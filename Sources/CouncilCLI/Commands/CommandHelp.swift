/// The slash commands by name: the parser, the handler and completion switch over this, so a
/// command cannot be known in one place and missing in another.
public enum CommandName: String, CaseIterable, Sendable, CustomStringConvertible {
    case tier, models, enable, disable, toggle, only, chairman, min, timeout, hedge, system, review, mode, breakers, clear, config,
         help, exit, session, sessions, history, show, replay, retry, export, stats, edit, raw, copy

    public var description: String { rawValue }
}

/// Help for one slash command: a line for `/help`, a paragraph for `/help NAME`.
public struct CommandHelp: Equatable, Sendable {
    public let name: CommandName
    /// Other names that parse to the same command, e.g. `["quit"]` for `exit`.
    public let aliases: [String]
    /// How to type it, e.g. `"/tier NAME|auto"`.
    public let usage: String
    /// One line for the `/help` list.
    public let summary: String
    /// A few lines for `/help NAME`.
    public let detail: String

    /// The text `/help NAME` shows.
    public var fullText: String {
        var text = "\(usage)\n  \(summary)\n\n\(detail)"
        if !aliases.isEmpty { text += "\n\nAlso: " + aliases.map { "/\($0)" }.joined(separator: ", ") }
        return text
    }
}
