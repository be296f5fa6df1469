import CouncilCore
/// Tab-completion candidates for the REPL: command names, then each command's arguments (tiers,
/// model ids, modes, …). Give `candidates(line:word:)` to `LineEditor.setCompletionProvider`.
public struct CommandCompleter: Sendable {
    /// Model ids of the current tier, offered after `/enable`, `/chairman`, ….
    public var modelIDs: [String]
    /// Stored session names, offered after `/session open|delete`.
    public var sessionNames: [String]

    public init(modelIDs: [String] = [], sessionNames: [String] = []) {
        self.modelIDs = modelIDs
        self.sessionNames = sessionNames
    }

    /// `line` is the text before the cursor; `word` is the word being completed (its tail).
    public func candidates(line: String, word: String) -> [String] {
        guard CommandParser.isCommand(line) else { return [] }
        var words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        if !word.isEmpty, words.last == word { words.removeLast() }
        guard let commandWord = words.first else {
            return matching(CommandCatalog.allNames.map { "/" + $0 }, word)
        }
        guard let command = CommandCatalog.help(for: commandWord)?.name else { return [] }
        let earlier = Array(words.dropFirst())
        return matching(arguments(for: command, after: earlier, word: word), word)
    }

    private func arguments(for command: CommandName, after earlier: [String], word: String) -> [String] {
        if earlier.isEmpty, let choices = Self.settingChoices[command] { return choices }
        switch (command, earlier.count) {
        case (.enable, _), (.disable, _), (.only, _): return modelIDs.filter { !earlier.contains($0) }
        case (.toggle, 0), (.chairman, 0), (.copy, _): return modelIDs
        case (.review, 0), (.raw, 0): return ["on", "off"]
        case (.export, 0): return ExportFormat.allCases.map(\.rawValue)
        case (.breakers, 0): return ["reset"]
        case (.breakers, 1) where earlier[0].lowercased() == "reset": return modelIDs
        case (.help, 0):
            let names = CommandCatalog.all.map(\.name.rawValue)
            return word.hasPrefix("/") ? names.map { "/" + $0 } : names
        case (.session, 0): return ["new", "open", "rename", "delete"]
        case (.session, 1) where ["open", "delete"].contains(earlier[0].lowercased()): return sessionNames
        default: return []
        }
    }

    /// A setting command's words, from the parser its flag, variable and file key share.
    private static let settingChoices: [CommandName: [String]] = [
        .tier: SettingDeclarations.defaultTier.parser.choices, .mode: SettingDeclarations.mode.parser.choices,
        .timeout: SettingDeclarations.timeout.parser.choices, .hedge: SettingDeclarations.hedgeAfter.parser.choices,
    ]

    private func matching(_ options: [String], _ word: String) -> [String] {
        options.filter { $0.hasPrefix(word) }
    }
}
