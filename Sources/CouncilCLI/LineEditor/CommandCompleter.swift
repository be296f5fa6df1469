import CouncilCore

/// Tab-completion candidates for the REPL: command names, then each command's words as its
/// declaration gives them (tiers, model ids, modes, …). Give `candidates(line:word:)` to
/// `LineEditor.setCompletionProvider`.
public struct CommandCompleter: Sendable {
    /// Model ids, offered after `/enable`, `/chairman`, ….
    public var modelIDs: [String]
    /// Stored session names, offered after `/session open|delete`.
    public var sessionNames: [String]

    public init(modelIDs: [String] = [], sessionNames: [String] = []) {
        self.modelIDs = modelIDs
        self.sessionNames = sessionNames
    }

    /// `line` is the text before the cursor; `word` is the word being completed (its tail).
    public func candidates(line: String, word: String) -> [String] {
        guard CommandWords.isCommand(line) else { return [] }
        var words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        if !word.isEmpty, words.last == word { words.removeLast() }
        guard let commandWord = words.first else {
            return matching(CommandCatalog.allNames.map { "/" + $0 }, word)
        }
        guard let command = CommandCatalog.help(for: commandWord) else { return [] }
        return matching(candidates(command.arguments, after: Array(words.dropFirst()), word: word), word)
    }

    /// The words the argument after `earlier` takes, following a fixed word's own arguments.
    private func candidates(_ arguments: [CommandArgument], after earlier: [String], word: String) -> [String] {
        var arguments = arguments[...]
        for typed in earlier {
            guard let argument = arguments.first else { return [] }
            if let following = argument.following[typed.lowercased()] {
                arguments = following[...]
            } else if !argument.repeats {
                arguments = arguments.dropFirst()
            }
        }
        guard let argument = arguments.first else { return [] }
        let offered: [String] = switch argument.words {
        case .fixed(let words): words
        case .models: modelIDs
        case .sessions: sessionNames
        case .commands: CommandCatalog.all.map { word.hasPrefix("/") ? "/" + $0.name : $0.name }
        case .paths: PathCompletion.candidates(word)
        }
        return argument.repeats ? offered.filter { !earlier.contains($0) } : offered
    }

    private func matching(_ options: [String], _ word: String) -> [String] {
        options.filter { $0.hasPrefix(word) }
    }
}
