/// The four tiers of the seed: from cheap and fast to slow and thorough.
public enum TierName: String, Sendable, CaseIterable, Codable, Comparable {
    case quick, balanced, high, reasoning

    public static func < (lhs: TierName, rhs: TierName) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
