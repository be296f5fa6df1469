/// Token counts of one call, and its cost in US dollars when the gateway reports one.
public struct Usage: Sendable, Codable, Equatable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var cost: Double?
    /// Prompt tokens the provider read from its prompt cache (part of `promptTokens`, billed cheaper).
    public var cachedTokens: Int
    /// Prompt tokens the provider wrote to its cache (part of `promptTokens`; Anthropic bills them higher).
    public var cacheWriteTokens: Int

    public init(promptTokens: Int = 0, completionTokens: Int = 0, cost: Double? = nil, cachedTokens: Int = 0, cacheWriteTokens: Int = 0) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.cost = cost
        self.cachedTokens = cachedTokens
        self.cacheWriteTokens = cacheWriteTokens
    }

    public var totalTokens: Int { promptTokens + completionTokens }

    /// Sums tokens; the cost is known only when every part's cost is known.
    public static func + (lhs: Usage, rhs: Usage) -> Usage {
        let cost: Double? = if let a = lhs.cost, let b = rhs.cost { a + b } else { nil }
        return Usage(promptTokens: lhs.promptTokens + rhs.promptTokens,
                     completionTokens: lhs.completionTokens + rhs.completionTokens,
                     cost: cost, cachedTokens: lhs.cachedTokens + rhs.cachedTokens,
                     cacheWriteTokens: lhs.cacheWriteTokens + rhs.cacheWriteTokens)
    }
}
