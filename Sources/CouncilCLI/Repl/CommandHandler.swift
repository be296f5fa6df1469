import CouncilCore

/// The REPL's slash commands as a pure function: a line and the state in, the new state, the
/// messages and the effects out. Each command's meaning is its declaration (`CommandCatalog`); no
/// terminal, store or network in here, so every command is tested directly. `ReplServices`
/// carries the effects out.
public struct CommandHandler: Sendable {
    public let context: CommandContext

    public init(context: CommandContext) { self.context = context }

    /// A line typed at the prompt: a slash command, or a question for the council.
    public func handle(line: String, _ state: ReplState) -> CommandReaction {
        let line = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !line.isEmpty else { return CommandReaction(state: state) }
        // `//etc/hosts: what is this?` asks `/etc/hosts: what is this?`.
        if line.hasPrefix("//") { return CommandReaction(state: state, effects: [.ask(String(line.dropFirst()))]) }
        guard CommandWords.isCommand(line) else { return CommandReaction(state: state, effects: [.ask(line)]) }
        var words = CommandWords(line)
        do throws(CommandError) {
            let command = try Self.find(&words)
            return try command.run(&words, CommandInvocation(context: context, state: state))
        } catch {
            return CommandReaction(state: state, messages: [.error(error.message)])
        }
    }

    /// The declaration a line names, with `words` told its name and usage for their errors.
    static func find(_ words: inout CommandWords) throws(CommandError) -> SlashCommand {
        let name = words.commandName
        guard !name.isEmpty else { throw .empty }
        guard let command = CommandCatalog.help(for: name) else {
            throw .unknownCommand(name, suggestion: WordSuggestion.nearest(name, in: CommandCatalog.allNames))
        }
        words.command = command.name
        words.usage = command.usage
        return command
    }
}
