/// One slash command, declared once: its name, help, the words it takes and what it does. The
/// parser, "did you mean", `/help`, Tab completion and the catalog test all read `CommandCatalog.all`.
struct SlashCommand: Sendable {
    let name: String
    /// Other names that run it, e.g. `["quit"]` for `exit`.
    var aliases: [String] = []
    /// How to type it, e.g. `"/tier NAME|auto"`.
    let usage: String
    /// One line for the `/help` list.
    let summary: String
    /// A few lines for `/help NAME`.
    let detail: String
    /// The words it takes, in order, with where Tab completion finds them.
    var arguments: [CommandArgument] = []
    /// Reads its words and decides what happens: the next state, the lines to show, the effects.
    let run: @Sendable (inout CommandWords, CommandInvocation) throws(CommandError) -> CommandReaction

    /// The text `/help NAME` shows.
    var fullText: String {
        var text = "\(usage)\n  \(summary)\n\n\(detail)"
        if !aliases.isEmpty { text += "\n\nAlso: " + aliases.map { "/\($0)" }.joined(separator: ", ") }
        return text
    }

    var names: [String] { [name] + aliases }

    /// A command that takes no words and hands its work to `effect` (`/models`, `/history`, …).
    static func effect(_ name: String, aliases: [String] = [], usage: String, summary: String, detail: String,
                       _ effect: CommandEffect) -> SlashCommand {
        SlashCommand(name: name, aliases: aliases, usage: usage, summary: summary, detail: detail) { words, invocation throws(CommandError) in
            try words.expectEnd()
            return invocation.perform(effect)
        }
    }
}

/// One word a command takes, for Tab completion: where its candidates come from.
struct CommandArgument: Sendable {
    enum Words: Sendable {
        case fixed([String])
        /// The ids of the models the user may name.
        case models
        /// The stored sessions' names.
        case sessions
        /// The names of the commands (`/help tier`).
        case commands
        /// Files and directories, from the word typed so far (`/file src/ma`).
        case paths
    }

    var words: Words
    /// A list (`/enable ID…`): the same argument again, each word offered once.
    var repeats = false
    /// After one of the fixed words, the arguments that follow it (`/session open NAME`).
    var following: [String: [CommandArgument]] = [:]

    static func fixed(_ words: [String], following: [String: [CommandArgument]] = [:]) -> CommandArgument {
        CommandArgument(words: .fixed(words), following: following)
    }

    static let model = CommandArgument(words: .models)
    static let models = CommandArgument(words: .models, repeats: true)
    static let session = CommandArgument(words: .sessions)
    static let onOff = fixed(["on", "off"])
}

/// `/review on|off`, `/raw on|off`.
enum OnOff: String, CaseIterable { case on, off }
