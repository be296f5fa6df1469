/// How one reviewer judged over many turns, from its stored ballots alone.
///
/// - position: how often its first pick was the answer shown to it first, against 1/n for n answers;
/// - self-preference: how often it put its own answer first, against 1/n;
/// - length: the mean over ballots of the rank correlation between the answers' lengths and its
///   preference (+1: always the longer first, −1: always the shorter);
/// - consensus: the mean share of its ballot's pairs (own answer left out) that the turn's consensus
///   orders the same way.
/// Rates are flagged when that many first picks would come by chance less than once in twenty; the
/// length correlation when its size is 0.5 or more.
public struct ReviewerBias: Sendable, Equatable {
    public var reviewer: ModelID
    public var ballots: Int
    public var position: BiasFigure
    public var selfPreference: BiasFigure
    public var length: BiasFigure
    public var consensus: BiasFigure

    public init(reviewer: ModelID, ballots: [StoredBallot]) {
        self.reviewer = reviewer
        self.ballots = ballots.count
        let shown = ballots.filter { !$0.shown.isEmpty && !$0.ranking.isEmpty }
        position = .rate(hits: shown.map { $0.ranking.first == $0.shown.first },
                         chances: shown.map { 1 / Double($0.shown.count) })
        let ownShown = ballots.filter { $0.shown.contains(reviewer) && !$0.ranking.isEmpty }
        selfPreference = .rate(hits: ownShown.map { $0.ranking.first == reviewer },
                               chances: ownShown.map { 1 / Double($0.shown.count) })
        let correlations = ballots.compactMap { ballot -> Double? in
            let lengths = ballot.ranking.compactMap { ballot.lengths[$0].map(Double.init) }
            guard lengths.count == ballot.ranking.count else { return nil }
            // Preference: the first gets the most, so a positive figure means longer answers are preferred.
            return RankCorrelation.spearman(lengths, ballot.ranking.indices.map { Double(ballot.ranking.count - $0) })
        }
        let meanCorrelation = correlations.isEmpty ? nil : correlations.reduce(0, +) / Double(correlations.count)
        length = BiasFigure(value: meanCorrelation, ballots: correlations.count,
                            flagged: (meanCorrelation.map(abs) ?? 0) >= 0.5)
        let concordance = ballots.compactMap { ballot in
            CountedBallot(ReviewVote(reviewer: ballot.reviewer, ranking: ballot.ranking))
                .discordance(with: ballot.consensus).map { 1 - $0 }
        }
        consensus = BiasFigure(value: concordance.isEmpty ? nil : concordance.reduce(0, +) / Double(concordance.count),
                               ballots: concordance.count)
    }

    /// One report per reviewer, by reviewer id.
    public static func report(_ ballots: [StoredBallot]) -> [ReviewerBias] {
        Dictionary(grouping: ballots, by: \.reviewer).map { ReviewerBias(reviewer: $0.key, ballots: $0.value) }
            .sorted { $0.reviewer < $1.reviewer }
    }
}
