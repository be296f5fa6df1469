/// A reviewer's ranking as the aggregate counts it: best first, its own answer left out.
public struct CountedBallot: Sendable, Equatable {
    public var reviewer: ModelID
    public var ranking: [ModelID]

    public init(_ vote: ReviewVote) {
        reviewer = vote.reviewer
        ranking = vote.ranking.filter { $0 != vote.reviewer }
    }

    /// How far this ballot stands from `order`: the share of its pairs that `order` puts the other way
    /// (0 = same order, 1 = reversed); nil with fewer than two answers, which have no order to compare.
    public func discordance(with order: [ModelID]) -> Double? {
        guard ranking.count >= 2 else { return nil }
        let place = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var pairs = 0, reversed = 0
        for i in ranking.indices {
            for j in ranking.indices where j > i {
                pairs += 1
                if place[ranking[i], default: .max] > place[ranking[j], default: .max] { reversed += 1 }
            }
        }
        return Double(reversed) / Double(pairs)
    }
}
