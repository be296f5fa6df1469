/// How far the reviewers of one turn agree, whether the winner is settled, and who stood apart.
/// Computed from the counted ballots (self-votes left out, as the ranking leaves them out), never
/// asked of a model.
public struct ReviewAgreement: Sendable, Equatable, Codable {
    /// A reviewer whose ballot stands farthest from the consensus, and the answer it put first.
    public struct Dissent: Sendable, Equatable, Codable {
        public var reviewer: ModelID
        public var first: ModelID
        /// Share of its pairs the consensus puts the other way (0…1).
        public var distance: Double

        public init(reviewer: ModelID, first: ModelID, distance: Double) {
            self.reviewer = reviewer
            self.first = first
            self.distance = distance
        }
    }

    /// `AgreementCoefficient` (0 … 1); nil when it would rest on too few ballots.
    public var value: Double?
    /// Counted ballots.
    public var ballots: Int
    /// False when the winner is level with the runner-up, or one ballot the other way would have let
    /// the runner-up overtake; nil without two ranked answers.
    public var decided: Bool?
    /// Empty when no ballot departs from the consensus.
    public var dissent: [Dissent]

    public var strength: AgreementStrength? { value.map(AgreementStrength.init) }

    public init(value: Double?, ballots: Int, decided: Bool?, dissent: [Dissent]) {
        self.value = value
        self.ballots = ballots
        self.decided = decided
        self.dissent = dissent
    }

    public init(votes: [ReviewVote], aggregate: AggregateRanking) {
        let ballots = votes.map(CountedBallot.init)
        let consensus = aggregate.order
        value = AgreementCoefficient.value(of: ballots, consensus: consensus)
        self.ballots = ballots.count
        decided = WinnerMargin.isDecided(votes: votes, aggregate: aggregate)
        dissent = Self.farthest(ballots, from: consensus)
    }

    /// The ballots at the largest distance from the consensus, if any departs from it at all.
    static func farthest(_ ballots: [CountedBallot], from consensus: [ModelID]) -> [Dissent] {
        guard ballots.count >= 2 else { return [] }
        let distances = ballots.compactMap { ballot in
            ballot.discordance(with: consensus).flatMap { distance in
                ballot.ranking.first.map { Dissent(reviewer: ballot.reviewer, first: $0, distance: distance) }
            }
        }
        guard let largest = distances.map(\.distance).max(), largest > 0 else { return [] }
        return distances.filter { $0.distance == largest }.sorted { $0.reviewer < $1.reviewer }
    }
}
