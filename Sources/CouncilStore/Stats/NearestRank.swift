/// The nearest-rank percentile: the smallest value such that at least p % of the values are at or
/// below it. Always one of the values, never an interpolation.
public enum NearestRank {
    public static func percentile(_ p: Double, of values: [Int]) -> Int? {
        guard !values.isEmpty, p > 0, p <= 100 else { return nil }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[max(rank, 1) - 1]
    }
}
