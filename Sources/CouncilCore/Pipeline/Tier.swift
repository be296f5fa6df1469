import Foundation

/// The seed's four tiers: from fast and cheap to slow and thorough.
public enum Tier: String, Sendable, Codable, CaseIterable, Comparable {
    case quick, balanced, high, reasoning

    public static func < (lhs: Tier, rhs: Tier) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A tier as the user chooses it: one of the four, or `auto` (picked per question by `TierHeuristic`).
/// Parsed once, here, for flags, variables, the file, slash commands and stored sessions.
public enum TierChoice: Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case auto
    case fixed(Tier)

    public static let allCases: [TierChoice] = Tier.allCases.map(TierChoice.fixed) + [.auto]

    /// `quick`, `High`, `auto`: case does not matter.
    public init?(parsing text: String) {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        if word == "auto" { self = .auto } else if let tier = Tier(rawValue: word) { self = .fixed(tier) } else { return nil }
    }

    /// The tier, or nil for `auto`.
    public var tier: Tier? {
        if case .fixed(let tier) = self { return tier }
        return nil
    }

    public var description: String { tier?.rawValue ?? "auto" }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let choice = TierChoice(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown tier '\(text)'"))
        }
        self = choice
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Picks a tier from the question alone, with a reason a user can check.
public enum TierHeuristic {
    static let reasoningWords = ["prove", "proof", "derive", "step by step", "design a", "architecture", "algorithm",
                                 "trade-off", "tradeoff", "distributed", "optimi", "formal", "complexity"]
    static let highWords = ["compare", "analy", "review", "debug", "refactor", "explain why", "pros and cons",
                            "security", "migrate", "strategy"]

    public static func choose(for question: String) -> (tier: Tier, reason: String) {
        let text = question.lowercased()
        let length = question.count
        if let word = reasoningWords.first(where: text.contains) {
            return (.reasoning, "mentions \"\(word.trimmingCharacters(in: .whitespaces))\"")
        }
        if length > 1500 { return (.reasoning, "long question (\(length) characters)") }
        if text.contains("```") { return (.high, "contains code") }
        if let word = highWords.first(where: text.contains) { return (.high, "mentions \"\(word)\"") }
        if length > 400 { return (.high, "detailed question (\(length) characters)") }
        if length <= 80, !text.contains("\n") { return (.quick, "short question (\(length) characters)") }
        return (.balanced, "ordinary question (\(length) characters)")
    }
}
