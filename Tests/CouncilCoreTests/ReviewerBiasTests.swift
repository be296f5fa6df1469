import Testing
@testable import CouncilCore

/// The bias figures on ballots made to show one bias each.
@Suite struct ReviewerBiasTests {
    static let answers: [ModelID] = ["a", "b", "c"]
    static let lengths: [ModelID: Int] = ["a": 100, "b": 400, "c": 900]

    /// The answers shown in a rotating order: turn i shows them starting from the i-th.
    static func shown(_ turn: Int) -> [ModelID] { (0..<3).map { answers[(turn + $0) % 3] } }

    static func ballots(_ reviewer: ModelID, turns: Int, ranking: (_ shown: [ModelID]) -> [ModelID]) -> [StoredBallot] {
        (0..<turns).map { turn in
            StoredBallot(reviewer: reviewer, ranking: ranking(shown(turn)), shown: shown(turn), lengths: lengths,
                         consensus: ["c", "b", "a"])
        }
    }

    @Test func aReviewerThatAlwaysPicksTheFirstShownIsFlaggedForPosition() throws {
        let bias = ReviewerBias(reviewer: "a", ballots: Self.ballots("a", turns: 6) { $0 })
        #expect(bias.position.value == 1)
        #expect(try #require(bias.position.chance) == 1.0 / 3.0)
        #expect(bias.position.flagged)
        #expect(bias.position.ballots == 6)
        #expect(!bias.selfPreference.flagged, "its own answer came first only when shown first: 2 of 6, the chance rate")
    }

    @Test func aReviewerThatPicksItsOwnIsFlaggedForSelfPreference() {
        let bias = ReviewerBias(reviewer: "b", ballots: Self.ballots("b", turns: 6) { shown in ["b"] + shown.filter { $0 != "b" } })
        #expect(bias.selfPreference.value == 1)
        #expect(bias.selfPreference.flagged)
        #expect(!bias.position.flagged)
    }

    @Test func aReviewerThatPrefersTheLongestIsFlaggedForLength() {
        let bias = ReviewerBias(reviewer: "a", ballots: Self.ballots("a", turns: 5) { _ in ["c", "b", "a"] })
        #expect(bias.length.value == 1)
        #expect(bias.length.flagged)
        #expect(bias.consensus.value == 1, "its ballot is the consensus")
        let shortest = ReviewerBias(reviewer: "a", ballots: Self.ballots("a", turns: 5) { _ in ["a", "b", "c"] })
        #expect(shortest.length.value == -1)
        #expect(shortest.consensus.value == 0, "b and c the other way round from the consensus")
    }

    @Test func tooFewBallotsGiveNoFigure() {
        let bias = ReviewerBias(reviewer: "a", ballots: Self.ballots("a", turns: BiasFigure.minimumBallots - 1) { $0 })
        #expect(bias.ballots == 4)
        for figure in [bias.position, bias.selfPreference, bias.length, bias.consensus] {
            #expect(figure.value == nil)
            #expect(figure.chance == nil)
            #expect(!figure.flagged)
            #expect(figure.ballots == 4)
        }
    }

    @Test func theChanceTailIsExact() {
        // Five ballots of three answers, all first picks the first shown: (1/3)^5.
        let figure = BiasFigure.rate(hits: Array(repeating: true, count: 5), chances: Array(repeating: 1.0 / 3.0, count: 5))
        #expect(figure.flagged)
        // Four of five at 1 in 4 happen by chance about 1.6 % of the time; three of five about 10 %.
        let three = BiasFigure.rate(hits: [true, true, true, false, false], chances: Array(repeating: 0.25, count: 5))
        #expect(!three.flagged)
    }

    @Test func reportsAreOnePerReviewer() {
        let report = ReviewerBias.report(Self.ballots("b", turns: 2) { $0 } + Self.ballots("a", turns: 3) { $0 })
        #expect(report.map(\.reviewer) == ["a", "b"])
        #expect(report.map(\.ballots) == [3, 2])
    }
}
