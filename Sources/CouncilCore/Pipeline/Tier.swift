/// The seed's four tiers: from fast and cheap to slow and thorough.
public enum Tier: String, Sendable, Codable, CaseIterable, Comparable {
    case quick, balanced, high, reasoning

    public static func < (lhs: Tier, rhs: Tier) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The seed's budget for a whole turn.
    public var defaultBudget: Duration {
        switch self {
        case .quick: .seconds(30)
        case .balanced: .seconds(90)
        case .high: .seconds(180)
        case .reasoning: .seconds(600)
        }
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
