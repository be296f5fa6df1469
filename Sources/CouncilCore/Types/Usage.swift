/// Token counts of one call, and its cost in US dollars when the gateway reports one.
public struct Usage: Sendable, Codable, Equatable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var cost: Double?

    public init(promptTokens: Int = 0, completionTokens: Int = 0, cost: Double? = nil) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.cost = cost
    }

    public var totalTokens: Int { promptTokens + completionTokens }

    /// Sums tokens; the cost is known only when every part's cost is known.
    public static func + (lhs: Usage, rhs: Usage) -> Usage {
        let cost: Double? = if let a = lhs.cost, let b = rhs.cost { a + b } else { nil }
        return Usage(promptTokens: lhs.promptTokens + rhs.promptTokens,
                     completionTokens: lhs.completionTokens + rhs.completionTokens,
                     cost: cost)
    }
}
