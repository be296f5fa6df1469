import CouncilCore

/// The words of a command line after its name, consumed left to right; every error names the
/// command and its usage.
struct CommandWords {
    /// The name as typed, lower-cased, without the slash.
    let commandName: String
    /// The declaration's name and usage, once it is known.
    var command = ""
    var usage = ""
    private var remainder: Substring

    init(_ line: String) {
        var text = line.trimmingWhitespace()
        if text.hasPrefix("/") { text = text.dropFirst() }
        let name = text.prefix { !$0.isWhitespace }
        commandName = name.lowercased()
        remainder = text.dropFirst(name.count)
    }

    /// Whether a line is meant as a command rather than a prompt.
    static func isCommand(_ line: String) -> Bool {
        line.drop { $0 == " " || $0 == "\t" }.hasPrefix("/")
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

    func expectEnd() throws(CommandError) {
        guard atEnd else { throw .unexpectedArguments(command: command, usage: usage) }
    }

    var missingArgument: CommandError { .missingArgument(command: command, usage: usage) }

    mutating func choice<Choice: RawRepresentable & CaseIterable>(
        of: Choice.Type, what: String, allowingMore: Bool = false
    ) throws(CommandError) -> Choice where Choice.RawValue == String {
        let valid = Choice.allCases.map(\.rawValue)
        guard let word = next() else { throw .missingChoice(command: command, what: what, valid: valid) }
        guard let choice = Choice(rawValue: word.lowercased()) else {
            throw .invalidChoice(what: what, value: word, valid: valid)
        }
        if !allowingMore { try expectEnd() }
        return choice
    }

    /// One value read by `parser` (a setting's, shared with its flag and file key); `what` names it in errors.
    mutating func value<Value>(_ parser: ValueParser<Value>, what: String, restOfLine: Bool = false) throws(CommandError) -> Value {
        let choices = parser.choices
        guard let word = restOfLine ? rest() : next() else {
            if choices.isEmpty { throw missingArgument }
            throw .missingChoice(command: command, what: what, valid: choices)
        }
        try expectEnd()
        if let value = parser.parse(word) { return value }
        if restOfLine { throw missingArgument }
        if choices.isEmpty || parser.alsoOtherValues {
            throw .invalidValue(command: command, value: word, expected: parser.expected,
                                suggestion: WordSuggestion.nearest(word, in: choices))
        }
        throw .invalidChoice(what: what, value: word, valid: choices)
    }

    mutating func modelIDs() throws(CommandError) -> [ModelID] {
        var ids: [ModelID] = []
        while let word = next() { ids.append(ModelID(word)) }
        guard !ids.isEmpty else { throw missingArgument }
        return ids
    }

    mutating func singleModelID() throws(CommandError) -> ModelID {
        guard let word = next() else { throw missingArgument }
        try expectEnd()
        return ModelID(word)
    }

    /// A turn number, nil when none is given.
    mutating func turnNumber() throws(CommandError) -> Int? {
        guard let word = next() else { return nil }
        guard let number = Int(word), number > 0 else { throw .notAPositiveWholeNumber(command: command) }
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
