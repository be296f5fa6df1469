/// Whether the council's first place is settled: the winner is strictly ahead of the runner-up, and
/// no single ballot that put the winner ahead, had it put the two the other way round, would have let
/// the runner-up overtake (draw level is not overtaking).
public enum WinnerMargin {
    /// Nil without a winner and a runner-up that both received votes.
    public static func isDecided(votes: [ReviewVote], aggregate: AggregateRanking) -> Bool? {
        guard aggregate.entries.count >= 2, aggregate.entries[0].votes > 0, aggregate.entries[1].votes > 0 else { return nil }
        let winner = aggregate.entries[0].model, runnerUp = aggregate.entries[1].model
        let answers = aggregate.entries.map(\.model)
        guard ahead(winner, of: runnerUp, in: aggregate) else { return false }
        for (index, vote) in votes.enumerated() {
            guard let first = vote.ranking.firstIndex(of: winner), let second = vote.ranking.firstIndex(of: runnerUp),
                  first < second else { continue }
            var swapped = votes
            swapped[index].ranking.swapAt(first, second)
            if ahead(runnerUp, of: winner, in: AggregateRanking(votes: swapped, answers: answers)) { return false }
        }
        return true
    }

    /// Strictly ahead on the ranking's own terms (average rank, then Borda points), not on a tie-break.
    static func ahead(_ a: ModelID, of b: ModelID, in ranking: AggregateRanking) -> Bool {
        guard let x = ranking.entries.first(where: { $0.model == a }), let y = ranking.entries.first(where: { $0.model == b }),
              let rankX = x.averageRank else { return false }
        let rankY = y.averageRank ?? .infinity
        return rankX != rankY ? rankX < rankY : x.bordaPoints > y.bordaPoints
    }
}
