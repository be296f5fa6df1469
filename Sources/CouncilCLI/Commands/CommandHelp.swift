/// Help for one slash command: a line for `/help`, a paragraph for `/help NAME`.
public struct CommandHelp: Equatable, Sendable {
    /// Canonical name without the slash, e.g. `"tier"`.
    public let name: String
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
