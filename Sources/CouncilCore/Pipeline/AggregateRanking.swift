/// One reviewer's parsed ranking, best first, in model ids.
public struct ReviewVote: Sendable, Equatable, Codable {
    public var reviewer: ModelID
    public var ranking: [ModelID]

    public init(reviewer: ModelID, ranking: [ModelID]) {
        self.reviewer = reviewer
        self.ranking = ranking
    }
}

/// The council's combined view: average rank and Borda points per answer, self-votes excluded.
public struct AggregateRanking: Sendable, Equatable, Codable {
    public struct Entry: Sendable, Equatable, Codable {
        public var model: ModelID
        /// Mean position (1 = best) over the votes this answer received; `nil` without votes.
        public var averageRank: Double?
        /// Sum over votes of (answers in that vote − position).
        public var bordaPoints: Int
        public var votes: Int
    }

    /// Best first. Ties: more Borda points, then more votes, then model id — deterministic.
    public var entries: [Entry]

    public init(votes: [ReviewVote], answers: [ModelID]) {
        var rankSums: [ModelID: Int] = [:]
        var borda: [ModelID: Int] = [:]
        var counts: [ModelID: Int] = [:]
        for vote in votes {
            // A reviewer's vote for its own answer does not count; the others move up.
            let others = vote.ranking.filter { $0 != vote.reviewer }
            for (index, model) in others.enumerated() {
                rankSums[model, default: 0] += index + 1
                borda[model, default: 0] += others.count - index - 1
                counts[model, default: 0] += 1
            }
        }
        entries = answers.map { model in
            let votes = counts[model] ?? 0
            // Integer sums keep the average independent of the order votes arrive in.
            let average = votes == 0 ? nil : Double(rankSums[model] ?? 0) / Double(votes)
            return Entry(model: model, averageRank: average, bordaPoints: borda[model] ?? 0, votes: votes)
        }
        entries.sort { a, b in
            let rankA = a.averageRank ?? .infinity, rankB = b.averageRank ?? .infinity
            if rankA != rankB { return rankA < rankB }
            if a.bordaPoints != b.bordaPoints { return a.bordaPoints > b.bordaPoints }
            if a.votes != b.votes { return a.votes > b.votes }
            return a.model < b.model
        }
    }

    public var order: [ModelID] { entries.map(\.model) }
}
