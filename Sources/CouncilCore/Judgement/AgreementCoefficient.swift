/// Kendall's coefficient of concordance (W) for ballots that each leave out one answer (their own).
///
/// Each ballot gives its answers centred scores — with m answers, (m − 1)/2 for the first down to
/// −(m − 1)/2 for the last — so a ballot of any length adds nothing on average. S is the sum over answers
/// of their total score squared: large when the ballots pull the same answers up and the same down, zero
/// when they cancel out. W = S / S*, where S* is S had every ballot ranked its own answers in the
/// consensus order (the same ballots, the same answers each saw). With complete ballots this is exactly
/// Kendall's W; it is 1 when all ballots agree with one order and 0 when they cancel out (a cycle).
public enum AgreementCoefficient {
    /// Fewer ballots than this (each ranking at least two answers) make no figure: with three answers,
    /// two ballots never rank the same pair, so they could never disagree.
    public static let minimumBallots = 3

    /// W in 0…1; nil when too few ballots rank two or more answers, or they leave no order to agree on.
    public static func value(of ballots: [CountedBallot], consensus: [ModelID]) -> Double? {
        let ranked = ballots.map(\.ranking).filter { $0.count >= 2 }
        guard ranked.count >= minimumBallots else { return nil }
        let place = Dictionary(consensus.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let concordant = ranked.map { ranking in ranking.sorted { place[$0, default: .max] < place[$1, default: .max] } }
        let most = spread(concordant)
        guard most > 0 else { return nil }
        // The consensus order gives the largest S when every reviewer saw the same answers; with a
        // reviewer missing it may fall just short, so W is held to 1.
        return min(1, spread(ranked) / most)
    }

    /// S: the sum over answers of the squared total of their centred scores.
    static func spread(_ rankings: [[ModelID]]) -> Double {
        var totals: [ModelID: Double] = [:]
        for ranking in rankings {
            let middle = Double(ranking.count - 1) / 2
            for (index, model) in ranking.enumerated() { totals[model, default: 0] += middle - Double(index) }
        }
        return totals.values.reduce(0) { $0 + $1 * $1 }
    }
}
