/// One measure of one reviewer: its value, the chance rate where there is one, the ballots it rests
/// on, and whether it stands out. No value when too few ballots could give one.
public struct BiasFigure: Sendable, Equatable {
    /// Fewer ballots than this make no figure.
    public static let minimumBallots = 5

    public var value: Double?
    /// What a reviewer without the bias would score on the same ballots; nil for a correlation.
    public var chance: Double?
    public var ballots: Int
    /// The value is unlikely without the bias (see `ReviewerBias`).
    public var flagged: Bool

    public init(value: Double?, chance: Double? = nil, ballots: Int, flagged: Bool = false) {
        self.value = ballots >= Self.minimumBallots ? value : nil
        self.chance = ballots >= Self.minimumBallots ? chance : nil
        self.ballots = ballots
        self.flagged = ballots >= Self.minimumBallots && flagged
    }

    /// How often an event with chance `rates[i]` on ballot i happened: the share, the mean chance, and a
    /// flag when so many or more would come by chance less than once in twenty (a one-sided exact test).
    static func rate(hits: [Bool], chances rates: [Double]) -> BiasFigure {
        guard !hits.isEmpty else { return BiasFigure(value: nil, ballots: 0) }
        let count = hits.filter { $0 }.count
        let n = Double(hits.count)
        return BiasFigure(value: Double(count) / n, chance: rates.reduce(0, +) / n, ballots: hits.count,
                          flagged: Double(count) / n > rates.reduce(0, +) / n && ChanceTail.atLeast(count, rates) < 0.05)
    }
}

/// The chance of at least k successes in independent trials of the given rates (Poisson binomial).
enum ChanceTail {
    static func atLeast(_ k: Int, _ rates: [Double]) -> Double {
        var exactly = [1.0]  // exactly[j]: the chance of j successes so far
        for rate in rates {
            var next = [Double](repeating: 0, count: exactly.count + 1)
            for (j, p) in exactly.enumerated() {
                next[j] += p * (1 - rate)
                next[j + 1] += p * rate
            }
            exactly = next
        }
        return exactly.dropFirst(k).reduce(0, +)
    }
}
