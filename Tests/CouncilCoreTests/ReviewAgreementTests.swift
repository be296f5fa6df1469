import Testing
import CouncilCore

/// The agreement figure, the winner's margin and the dissent on ballots whose figures are known by hand.
@Suite struct ReviewAgreementTests {
    static let models: [ModelID] = ["a", "b", "c", "d"]

    /// Every reviewer ranks the answers in `order`, its own included (the count leaves it out).
    static func votes(_ rankings: [ModelID: [ModelID]]) -> [ReviewVote] {
        rankings.sorted { $0.key < $1.key }.map { ReviewVote(reviewer: $0.key, ranking: $0.value) }
    }

    static func agreement(_ votes: [ReviewVote], answers: [ModelID] = models) -> ReviewAgreement {
        ReviewAgreement(votes: votes, aggregate: AggregateRanking(votes: votes, answers: answers))
    }

    @Test func identicalBallotsAgreeFully() {
        let order: [ModelID] = ["c", "a", "b", "d"]
        let agreement = Self.agreement(Self.votes(Dictionary(uniqueKeysWithValues: Self.models.map { ($0, order) })))
        #expect(agreement.value == 1)
        #expect(agreement.strength == .strong)
        #expect(agreement.ballots == 4)
        #expect(agreement.decided == true)
        #expect(agreement.dissent.isEmpty)
        #expect(AgreementWords.line(agreement) == "agreement 1.00 — strong · winner decided")
    }

    @Test func eachReviewerPreferringADifferentAnswerAgreesNot() {
        // A cycle: a puts b first, b puts c first, c puts d first, d puts a first.
        let votes = Self.votes(["a": ["b", "c", "d"], "b": ["c", "d", "a"], "c": ["d", "a", "b"], "d": ["a", "b", "c"]])
        let agreement = Self.agreement(votes)
        #expect(agreement.value == 0)
        #expect(agreement.strength == .split)
        #expect(agreement.decided == false, "every answer is level, so nothing is decided")
        #expect(!agreement.dissent.isEmpty)
    }

    @Test func aThreeAnswerCycleIsZeroAndAChainIsOne() {
        let cycle = Self.votes(["a": ["b", "c"], "b": ["c", "a"], "c": ["a", "b"]])
        #expect(Self.agreement(cycle, answers: ["a", "b", "c"]).value == 0)
        let chain = Self.votes(["a": ["b", "c"], "b": ["a", "c"], "c": ["a", "b"]])
        #expect(Self.agreement(chain, answers: ["a", "b", "c"]).value == 1)
    }

    @Test func oneReviewerAgainstTheRestIsModerateAndDissents() throws {
        let order: [ModelID] = ["a", "b", "c", "d"]
        var rankings = Dictionary(uniqueKeysWithValues: Self.models.map { ($0, order) })
        rankings["d"] = ["c", "b", "a"]  // d reverses the others
        let agreement = Self.agreement(Self.votes(rankings))
        let value = try #require(agreement.value)
        #expect(value > 0.25 && value < 0.75, "W = \(value)")
        #expect(agreement.dissent == [ReviewAgreement.Dissent(reviewer: "d", first: "c", distance: 1)])
        #expect(AgreementWords.dissent(agreement, name: \.rawValue) == "dissent: d put c first")
    }

    @Test func tooFewBallotsMakeNoFigure() {
        let two = Self.votes(["a": ["b", "c", "d"], "b": ["a", "c", "d"]])
        let agreement = Self.agreement(two)
        #expect(agreement.value == nil)
        #expect(agreement.strength == nil)
        #expect(AgreementWords.line(agreement).hasPrefix("agreement not measured: 2 ballots"))
        // Two answers: each ballot ranks only the other's answer, which leaves nothing to agree on.
        let pair = Self.votes(["a": ["b", "a"], "b": ["a", "b"], "c": ["a", "b"]])
        #expect(Self.agreement(pair, answers: ["a", "b"]).value == nil)
    }

    @Test func aWinnerOneBallotFromLosingIsNotDecided() {
        // c and d split a against b; a puts b second, b puts a first: a leads by c's ballot alone.
        let close = Self.votes(["a": ["c", "b", "d"], "b": ["a", "c", "d"], "c": ["a", "b", "d"], "d": ["b", "a", "c"]])
        let aggregate = AggregateRanking(votes: close, answers: Self.models)
        #expect(Array(aggregate.order.prefix(2)) == ["a", "b"])
        #expect(WinnerMargin.isDecided(votes: close, aggregate: aggregate) == false)
        // Both c and d put a ahead: one of them the other way round leaves b level, not ahead.
        let clear = Self.votes(["a": ["b", "c", "d"], "b": ["a", "c", "d"], "c": ["a", "b", "d"], "d": ["a", "b", "c"]])
        #expect(WinnerMargin.isDecided(votes: clear, aggregate: AggregateRanking(votes: clear, answers: Self.models)) == true)
        // Level already: nothing is decided.
        let level = Self.votes(["a": ["b", "c", "d"], "b": ["a", "c", "d"], "c": ["a", "b", "d"], "d": ["b", "a", "c"]])
        #expect(WinnerMargin.isDecided(votes: level, aggregate: AggregateRanking(votes: level, answers: Self.models)) == false)
    }

    @Test func discordanceCountsReversedPairs() {
        let ballot = CountedBallot(ReviewVote(reviewer: "d", ranking: ["b", "a", "c", "d"]))
        #expect(ballot.ranking == ["b", "a", "c"])
        #expect(ballot.discordance(with: ["a", "b", "c", "d"]) == 1.0 / 3.0)
    }
}
