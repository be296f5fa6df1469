import Foundation

/// Median and p95 of a sample, nearest-rank.
struct Summary {
    let median: Double
    let p95: Double
    let count: Int

    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        count = sorted.count
        func rank(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            return sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
        }
        median = rank(0.5)
        p95 = rank(0.95)
    }
}

/// One printed result: a scenario, what was measured, and its figures in milliseconds (or the unit given).
struct Row {
    let scenario: String
    let metric: String
    let summary: Summary
    let unit: String
    let note: String

    func json() -> String {
        let fields: [String: Any] = ["scenario": scenario, "metric": metric, "median": summary.median, "p95": summary.p95,
                                     "n": summary.count, "unit": unit, "note": note]
        let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
