import CouncilCore

/// Turns a line that starts with `/` into a `Command`, or says precisely what is wrong with it.
public enum CommandParser {
    /// Whether a line is meant as a command rather than a prompt.
    public static func isCommand(_ line: String) -> Bool {
        line.drop { $0 == " " || $0 == "\t" }.hasPrefix("/")
    }

    public static func parse(_ line: String) -> Result<Command, CommandError> {
        Result { () throws(CommandError) -> Command in try parseOrThrow(line) }
    }

    /// Commands that set one value: typed alone they show it.
    static let settings: Set<CommandName> = [.tier, .chairman, .min, .timeout, .hedge, .system, .review, .mode]

    // MARK: - Parsing

    private static func parseOrThrow(_ line: String) throws(CommandError) -> Command {
        var arguments = Arguments(line)
        let name = arguments.commandName
        guard !name.isEmpty else { throw .empty }
        guard let help = CommandCatalog.help(for: name) else {
            throw .unknownCommand(name, suggestion: WordSuggestion.nearest(name, in: CommandCatalog.allNames))
        }
        let command = help.name
        let usage = help.usage
        if Self.settings.contains(command), arguments.atEnd { return .showSetting(command) }

        switch command {
        // A setting's value is read by the same parser as its flag, variable and file key.
        case .tier: return .tier(try arguments.value(of: SettingDeclarations.defaultTier, what: "tier", command, usage))
        case .models: try arguments.expectEnd(command, usage); return .models
        case .enable: return .enable(try arguments.modelIDs(command, usage))
        case .disable: return .disable(try arguments.modelIDs(command, usage))
        case .toggle: return .toggle(try arguments.singleModelID(command, usage))
        case .only: return .only(try arguments.modelIDs(command, usage))
        case .chairman: return .chairman(try arguments.value(of: SettingDeclarations.chairman, what: "model", command, usage))
        case .min: return .minResponses(try arguments.value(of: SettingDeclarations.minResponses, what: "number", command, usage))
        case .timeout: return .timeout(try arguments.value(of: SettingDeclarations.timeout, what: "number", command, usage))
        case .hedge: return .hedge(try arguments.value(of: SettingDeclarations.hedgeAfter, what: "hedge delay", command, usage))
        case .system:
            // The whole rest of the line, spaces kept; read by the same parser as `--system`.
            let text = arguments.rest() ?? ""
            guard let prompt = SettingDeclarations.systemPrompt.parser.parse(text) else {
                throw .missingArgument(command: command, usage: usage)
            }
            return .systemPrompt(prompt)
        case .review:
            let setting = try arguments.choice(of: ReviewSetting.self, what: "review setting", command: command, usage: usage)
            return .review(setting == .on)
        case .mode: return .mode(try arguments.value(of: SettingDeclarations.mode, what: "mode", command, usage))
        case .breakers:
            guard let action = arguments.next() else { return .breakers }
            guard action.lowercased() == "reset" else {
                throw .invalidChoice(what: "/breakers action", value: action, valid: ["reset"])
            }
            let model = arguments.next().map { ModelID($0) }
            try arguments.expectEnd(command, usage)
            return .resetBreakers(model: model)
        case .clear: try arguments.expectEnd(command, usage); return .clear
        case .config: try arguments.expectEnd(command, usage); return .config
        case .help:
            guard let topic = arguments.next() else { return .help(topic: nil) }
            try arguments.expectEnd(command, usage)
            guard let topicHelp = CommandCatalog.help(for: topic) else {
                let bare = topic.hasPrefix("/") ? String(topic.dropFirst()) : topic
                throw .unknownHelpTopic(bare, suggestion: WordSuggestion.nearest(bare, in: CommandCatalog.allNames))
            }
            return .help(topic: topicHelp.name)
        case .exit: try arguments.expectEnd(command, usage); return .exit
        case .session: return .session(try sessionAction(&arguments, usage))
        case .sessions: try arguments.expectEnd(command, usage); return .sessions
        case .history: try arguments.expectEnd(command, usage); return .history
        case .show:
            guard let word = arguments.next() else { return .show(turn: nil) }
            guard let number = Int(word), number > 0 else { throw .notAPositiveWholeNumber(command: command) }
            let model = arguments.next().map { ModelID($0) }
            try arguments.expectEnd(command, usage)
            return .show(turn: number, model: model)
        case .replay: return .replay(turn: arguments.atEnd ? nil : try arguments.positiveWholeNumber(command, usage))
        case .retry: try arguments.expectEnd(command, usage); return .retry
        case .export:
            let format = try arguments.choice(of: ExportFormat.self, what: "export format", command: command,
                                              usage: usage, allowingMore: true)
            return .export(format: format, file: arguments.rest())
        case .stats: try arguments.expectEnd(command, usage); return .stats
        case .edit: try arguments.expectEnd(command, usage); return .edit
        case .copy:
            var turn: Int?
            var word = arguments.next()
            if let number = word.flatMap(Int.init) {
                guard number > 0 else { throw .notAPositiveWholeNumber(command: command) }
                turn = number
                word = arguments.next()
            }
            try arguments.expectEnd(command, usage)
            return .copy(turn: turn, model: word.map { ModelID($0) })
        case .raw:
            guard !arguments.atEnd else { return .raw(nil) }
            return .raw(try arguments.choice(of: ReviewSetting.self, what: "setting", command: command, usage: usage) == .on)
        }
    }

    private static func sessionAction(_ arguments: inout Arguments, _ usage: String) throws(CommandError) -> SessionAction {
        guard let action = arguments.next() else { return .show }
        let valid = ["new", "open", "rename", "delete"]
        let name = arguments.rest()
        switch action.lowercased() {
        case "new": return .new(name: name)
        case "open", "rename", "delete":
            guard let name else { throw .missingArgument(command: .session, usage: "/session \(action.lowercased()) NAME") }
            switch action.lowercased() {
            case "open": return .open(name: name)
            case "rename": return .rename(name: name)
            default: return .delete(name: name)
            }
        default:
            throw .invalidChoice(what: "session action", value: action, valid: valid)
        }
    }
}

/// `/review on|off`.
private enum ReviewSetting: String, CaseIterable { case on, off }

/// The words after the command name, consumed left to right.
private struct Arguments {
    let commandName: String
    private var remainder: Substring

    init(_ line: String) {
        var text = line.trimmingWhitespace()
        if text.hasPrefix("/") { text = text.dropFirst() }
        let name = text.prefix { !$0.isWhitespace }
        commandName = name.lowercased()
        remainder = text.dropFirst(name.count)
    }

    mutating func next() -> String? {
        remainder = remainder.drop { $0.isWhitespace }
        guard !remainder.isEmpty else { return nil }
        let word = remainder.prefix { !$0.isWhitespace }
        remainder = remainder.dropFirst(word.count)
        return String(word)
    }

    /// Everything left, spaces inside kept (names and file paths may contain spaces).
    mutating func rest() -> String? {
        let text = remainder.trimmingWhitespace()
        remainder = ""
        return text.isEmpty ? nil : String(text)
    }

    var atEnd: Bool { remainder.allSatisfy(\.isWhitespace) }

    func expectEnd(_ command: CommandName, _ usage: String) throws(CommandError) {
        guard remainder.allSatisfy(\.isWhitespace) else { throw .unexpectedArguments(command: command, usage: usage) }
    }

    mutating func choice<Choice: RawRepresentable & CaseIterable>(
        of: Choice.Type, what: String, command: CommandName, usage: String, allowingMore: Bool = false
    ) throws(CommandError) -> Choice where Choice.RawValue == String {
        let valid = Choice.allCases.map(\.rawValue)
        guard let word = next() else { throw .missingChoice(command: command, what: what, valid: valid) }
        guard let choice = Choice(rawValue: word.lowercased()) else {
            throw .invalidChoice(what: what, value: word, valid: valid)
        }
        if !allowingMore { try expectEnd(command, usage) }
        return choice
    }

    /// One value for `setting`, read by the setting's own parser; `what` names it in errors.
    mutating func value<Value>(of setting: Setting<Value>, what: String, _ command: CommandName,
                               _ usage: String) throws(CommandError) -> Value {
        let choices = setting.parser.choices
        guard let word = next() else {
            if choices.isEmpty { throw .missingArgument(command: command, usage: usage) }
            throw .missingChoice(command: command, what: what, valid: choices)
        }
        try expectEnd(command, usage)
        if let value = setting.parser.parse(word) { return value }
        if choices.isEmpty || setting.parser.alsoOtherValues {
            throw .invalidValue(command: command, value: word, expected: setting.parser.expected,
                                suggestion: WordSuggestion.nearest(word, in: choices))
        }
        throw .invalidChoice(what: what, value: word, valid: choices)
    }

    mutating func modelIDs(_ command: CommandName, _ usage: String) throws(CommandError) -> [ModelID] {
        var ids: [ModelID] = []
        while let word = next() { ids.append(ModelID(word)) }
        guard !ids.isEmpty else { throw .missingArgument(command: command, usage: usage) }
        return ids
    }

    mutating func singleModelID(_ command: CommandName, _ usage: String) throws(CommandError) -> ModelID {
        guard let word = next() else { throw .missingArgument(command: command, usage: usage) }
        try expectEnd(command, usage)
        return ModelID(word)
    }

    mutating func positiveWholeNumber(_ command: CommandName, _ usage: String) throws(CommandError) -> Int {
        guard let word = next(), let number = Int(word), number > 0 else { throw .notAPositiveWholeNumber(command: command) }
        try expectEnd(command, usage)
        return number
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> SubSequence {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
