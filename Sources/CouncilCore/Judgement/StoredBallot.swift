/// One reviewer's ranking of one turn, with what it saw: the material of a bias report.
public struct StoredBallot: Sendable, Equatable {
    public var reviewer: ModelID
    /// Best first, the reviewer's own answer included, as it ranked them.
    public var ranking: [ModelID]
    /// The answers in the order the reviewer was shown them (Response A first).
    public var shown: [ModelID]
    /// Each answer's length in characters.
    public var lengths: [ModelID: Int]
    /// The turn's consensus (the aggregate's order, best first).
    public var consensus: [ModelID]

    public init(reviewer: ModelID, ranking: [ModelID], shown: [ModelID], lengths: [ModelID: Int], consensus: [ModelID]) {
        self.reviewer = reviewer
        self.ranking = ranking
        self.shown = shown
        self.lengths = lengths
        self.consensus = consensus
    }
}
