import Testing
import CouncilCore
import CouncilTestSupport
@testable import CouncilCLI

/// The agreement under the ranking: on a live board drawn once with the ranking, on a plain one a line.
@Suite struct AgreementBoardTests {
    // A cycle of three: every answer level, agreement 0, bravo's ballot the reverse of the tie-broken consensus.
    static let votes = [ReviewVote(reviewer: "alpha", ranking: ["bravo", "charlie"]),
                        ReviewVote(reviewer: "bravo", ranking: ["charlie", "alpha"]),
                        ReviewVote(reviewer: "charlie", ranking: ["alpha", "bravo"])]
    static let aggregate = AggregateRanking(votes: votes, answers: ["alpha", "bravo", "charlie"])
    static let agreement = ReviewAgreement(votes: votes, aggregate: aggregate)

    @Test func theLiveBoardDrawsTheRankingOnceWithItsAgreement() {
        let window = TurnScreenResizeTests.Window()
        let live = TerminalInfo(stdinIsTerminal: true, stdoutIsTerminal: true, stderrIsTerminal: true, noColorRequested: false)
        var screen = TurnScreen(terminal: live, mode: .full, clock: TestClock(), output: window.output)
        screen.apply(.aggregate(Self.aggregate))
        screen.apply(.agreement(Self.agreement))
        let drawn = window.take()
        #expect(drawn.components(separatedBy: "ranking").count == 2, "one ranking: \(drawn)")
        #expect(drawn.contains("agreement 0.00 — split · winner not decided"))
        #expect(drawn.contains("dissent: bravo put charlie first"))
    }

    @Test func aPlainBoardSaysItInALine() {
        var board = StatusBoard(style: Style(enabled: false))
        #expect(board.apply(.agreement(Self.agreement), at: TestClock().now)
                == "agreement 0.00 — split · winner not decided: one ballot the other way could change it\ndissent: bravo put charlie first")
        #expect(board.rankingLines().isEmpty, "no ranking without an aggregate")
    }
}
