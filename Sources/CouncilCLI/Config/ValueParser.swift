import Foundation
import CouncilCore

/// Turns the text of one setting into its value. The same parsers read the file, the environment and
/// the flags, so `min_responses: x`, `COUNCIL_MIN_RESPONSES=x` and `--min-responses x` fail alike.
struct ValueParser<Value: Sendable>: Sendable {
    /// What a valid value looks like, for the error message ("a whole number of at least 1").
    let expected: String
    /// Valid words, when there are few: an invalid one gets the nearest as a suggestion.
    let choices: [String]
    /// Whether values other than `choices` are valid too (`hedge_after`: off, auto, or a number).
    let alsoOtherValues: Bool
    let parse: @Sendable (String) -> Value?

    init(expected: String, choices: [String] = [], alsoOtherValues: Bool = false, parse: @escaping @Sendable (String) -> Value?) {
        self.expected = expected
        self.choices = choices
        self.alsoOtherValues = alsoOtherValues
        self.parse = parse
    }

    /// Parses `text` for `key`, or throws an error at `source` naming the key and what was expected.
    /// With `secret`, the error does not repeat the text: a key pasted into the wrong place stays hidden.
    func value(_ text: String, key: String, at source: ConfigSource, secret: Bool = false) throws -> Value {
        if let value = parse(text.trimmingCharacters(in: .whitespaces)) { return value }
        let suggestion = choices.isEmpty ? nil : WordSuggestion.nearest(text, in: choices)
        let got = secret ? "something else (not shown, as it may be a key)" : "'\(text)'"
        throw ConfigError(.wrongType, at: source, "'\(key)' must be \(expected), got \(got)", suggestion: suggestion)
    }
}

extension ValueParser where Value == Bool {
    static let boolean = ValueParser(expected: "true or false", choices: ["true", "false"]) { text in
        switch text.lowercased() {
        case "true", "yes", "on": true
        case "false", "no", "off": false
        default: nil
        }
    }
}

extension ValueParser where Value == Int {
    static let positiveInteger = ValueParser(expected: "a whole number of at least 1") { text in
        Int(text).flatMap { $0 >= 1 ? $0 : nil }
    }
}

extension ValueParser where Value == Duration {
    /// A number of seconds, e.g. `30` or `2.5`.
    static let seconds = ValueParser(expected: "a number of seconds from 0.1 to 86400") { text in
        Double(text).flatMap(TimeoutSeconds.duration)
    }
}

extension ValueParser where Value == Double {
    /// A share such as the breaker's threshold: `0.25` or `25%`.
    static let fraction = ValueParser(expected: "a fraction between 0 and 1 (e.g. 0.25 or 25%)") { text in
        let value = text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
        guard let value, value.isFinite, value >= 0, value <= 1 else { return nil }
        return value
    }

    static let price = ValueParser(expected: "a price in US dollars per million tokens (a number ≥ 0)") { text in
        guard let value = Double(text), value.isFinite, value >= 0 else { return nil }
        return value
    }
}

extension ValueParser where Value == String {
    static let text = ValueParser(expected: "a non-empty text") { $0.isEmpty ? nil : $0 }

    /// An http(s) URL such as `https://openrouter.ai/api/v1`.
    static let baseURL = ValueParser(expected: "an http:// or https:// URL") { text in
        let lowered = text.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"), text.count > 8,
              !text.contains(where: \.isWhitespace) else { return nil }
        return text
    }

    /// An environment variable's name: letters, digits and underscores, not starting with a digit.
    static let variableName = ValueParser(expected: "an environment variable name such as OPENROUTER_API_KEY") { text in
        guard let first = text.first, !first.isNumber,
              text.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }) else { return nil }
        return text
    }
}

extension ValueParser where Value == String {
    /// A system prompt, or `off` / `none` for none (stored as "").
    static let systemPrompt = ValueParser(expected: "a text, or off for none") { text in
        SystemPromptText.offWords.contains(text.lowercased()) ? "" : (text.isEmpty ? nil : text)
    }
}

/// How a system prompt is written and shown: "" means none.
enum SystemPromptText {
    static let offWords: Set<String> = ["off", "none"]

    static func show(_ text: String) -> String {
        guard !text.isEmpty else { return "off" }
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return "\"" + (line.count > 60 ? line.prefix(59) + "…" : line) + "\""
    }

    /// "" reads as nil: no prompt.
    static func prompt(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
}

extension ValueParser where Value == ModelID {
    static let modelID = ValueParser(expected: "a model id such as openai/gpt-4o") { text in
        text.isEmpty || text.contains(where: \.isWhitespace) ? nil : ModelID(text)
    }
}

extension ValueParser where Value == TierChoice {
    /// A tier or `auto`, any case: the one parser of a tier choice (`TierChoice(parsing:)`).
    static let tier = ValueParser(expected: "one of " + TierChoice.allCases.map(\.description).joined(separator: ", "),
                                  choices: TierChoice.allCases.map(\.description)) { TierChoice(parsing: $0) }
}

extension ValueParser where Value == CacheMarks {
    static let cacheMarks = ValueParser(expected: "one of " + CacheMarks.allCases.map(\.rawValue).joined(separator: ", "),
                                        choices: CacheMarks.allCases.map(\.rawValue)) { CacheMarks(rawValue: $0.lowercased()) }
}

extension ValueParser where Value == CouncilMode {
    static let mode = ValueParser(expected: "one of " + CouncilMode.allCases.map(\.rawValue).joined(separator: ", "),
                                  choices: CouncilMode.allCases.map(\.rawValue)) { CouncilMode(rawValue: $0.lowercased()) }
}

extension ValueParser where Value == DebateMode {
    static let debate = ValueParser(expected: "one of " + DebateMode.allCases.map(\.rawValue).joined(separator: ", "),
                                    choices: DebateMode.allCases.map(\.rawValue)) { DebateMode(rawValue: $0.lowercased()) }
}

extension ValueParser where Value == Double {
    static let temperature = ValueParser(expected: "a number from 0 to 2") { text in
        Double(text).flatMap { $0.isFinite && $0 >= 0 && $0 <= 2 ? $0 : nil }
    }

    static let topP = ValueParser(expected: "a number from 0 to 1") { text in
        Double(text).flatMap { $0.isFinite && $0 >= 0 && $0 <= 1 ? $0 : nil }
    }
}

extension ValueParser where Value == String {
    static let reasoningEfforts = ["none", "minimal", "low", "medium", "high", "xhigh"]
    static let reasoningEffort = ValueParser(expected: "one of " + reasoningEfforts.joined(separator: ", "),
                                             choices: reasoningEfforts) { text in
        reasoningEfforts.contains(text.lowercased()) ? text.lowercased() : nil
    }
}
