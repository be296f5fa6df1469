/// Why a slash command could not be parsed. `message` is the line shown to the user.
public enum CommandError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The line is `/` alone.
    case empty
    /// `/tire` — with the nearest known command, if one is close.
    case unknownCommand(String, suggestion: String?)
    /// `/help tire` — a help topic that is not a command.
    case unknownHelpTopic(String, suggestion: String?)
    /// `/tier fast` — a value outside a fixed set (`what` names the set: "tier", "mode", …).
    case invalidChoice(what: String, value: String, valid: [String])
    /// `/tier` — a required choice is missing.
    case missingChoice(command: String, what: String, valid: [String])
    /// `/enable` — a required argument is missing.
    case missingArgument(command: String, usage: String)
    /// `/models now` or `/toggle a b` — more arguments than the command takes.
    case unexpectedArguments(command: String, usage: String)
    /// `/min 0`, `/show x`.
    case notAPositiveWholeNumber(command: String)
    /// `/timeout -1`, `/min 0`: a setting's value its parser refuses; `expected` says what it takes, and
    /// `suggestion` the word meant when one is close (`/timeout aut`).
    case invalidValue(command: String, value: String, expected: String, suggestion: String? = nil)

    public var message: String {
        switch self {
        case .empty:
            return "type a command after / — /help lists them"
        case let .unknownCommand(name, suggestion):
            // A path or a question that starts with / (not a typo of a command): say how to send it.
            let escape = suggestion == nil || !name.allSatisfy(\.isLetter)
            return "unknown command /\(name)" + Self.hint(suggestion.map { "/\($0)" })
                + (escape ? " (to ask something that starts with /, type it as //\(name)…)" : "")
        case let .unknownHelpTopic(name, suggestion):
            return "no help for '\(name)' — it is not a command" + Self.hint(suggestion.map { "/help \($0)" })
        case let .invalidChoice(what, value, valid):
            return "unknown \(what) '\(value)' — valid: \(valid.joined(separator: ", "))"
        case let .missingChoice(command, what, valid):
            return "/\(command) needs \(Self.article(what)) \(what) — valid: \(valid.joined(separator: ", "))"
        case let .missingArgument(command, usage):
            return "/\(command) is missing an argument — usage: \(usage)"
        case let .unexpectedArguments(command, usage):
            return "/\(command) takes different arguments — usage: \(usage)"
        case let .notAPositiveWholeNumber(command):
            return "/\(command) needs a positive whole number"
        case let .invalidValue(command, value, expected, suggestion):
            return "/\(command) needs \(expected), got '\(value)'" + (suggestion.map { " — did you mean \($0)?" } ?? "")
        }
    }

    public var description: String { message }

    private static func article(_ noun: String) -> String {
        "aeiou".contains(noun.first ?? "x") ? "an" : "a"
    }

    private static func hint(_ suggestion: String?) -> String {
        guard let suggestion else { return " — /help lists the commands" }
        return " — did you mean \(suggestion)?"
    }
}
