import Testing
@testable import CouncilCore
@testable import CouncilCLI

@Suite struct StatusBoardTests {
    let t0 = EpochInstant(sinceEpoch: .seconds(1_000))
    let plain = Style(enabled: false)

    private func at(_ seconds: Double) -> EpochInstant { t0.advanced(by: .milliseconds(Int(seconds * 1000))) }

    @Test func everyOutcomeHasItsOwnLine() {
        var board = StatusBoard(style: plain)
        let models: [ModelID] = ["arrives", "times-out", "fails", "cancelled", "blocked", "still"]
        board.apply(.stageStarted(.generation, models: models), at: t0)
        let results: [ModelResult] = [
            ModelResult(model: "arrives", outcome: .arrived(ChatCompletion(text: "x", usage: Usage(promptTokens: 3, completionTokens: 42))), latency: .milliseconds(1234)),
            ModelResult(model: "times-out", outcome: .timedOut(after: .seconds(30)), latency: .seconds(30)),
            ModelResult(model: "fails", outcome: .failed(.serverError(status: 503, message: "overloaded\nsecond line")), latency: .milliseconds(200)),
            ModelResult(model: "cancelled", outcome: .cancelled(.earlyCompletion), latency: .seconds(2)),
            ModelResult(model: "blocked", outcome: .blocked(remaining: .seconds(1205)), latency: .zero),
        ]
        var plainLines: [String] = []
        for result in results {
            if let line = board.apply(.modelFinished(.generation, result), at: at(2)) { plainLines.append(line) }
        }
        let lines = board.liveLines(at: at(2.35))
        #expect(lines == [
            "generation",
            "  ✔ arrives    arrived in 1.2 s, 42 tokens",
            "  ⏱ times-out  timed out after 30.0 s",
            "  ✘ fails      failed: HTTP 503 server error: overloaded",
            "  ⊘ cancelled  cancelled (enough answers arrived)",
            "  ⛔ blocked    breaker open, 20 min 5 s left",
            "  ⠸ still      waiting 2.4 s",
        ])
        #expect(plainLines.first == "generation: arrives arrived in 1.2 s, 42 tokens")
        #expect(plainLines.count == 5)
    }

    @Test func aStreamingModelShowsHowMuchHasArrived() {
        var board = StatusBoard(style: plain)
        board.apply(.stageStarted(.generation, models: ["m"]), at: t0)
        #expect(board.apply(.modelProgress(.generation, model: "m", receivedCharacters: 1234), at: at(1)) == nil, "no plain line per delta")
        #expect(board.liveLines(at: at(1.5)).last == "  ⠴ m  receiving, 1234 characters · 1.5 s")
    }

    @Test func colourOnlyWhenEnabled() {
        var board = StatusBoard(style: Style(enabled: true))
        board.apply(.stageStarted(.generation, models: ["m"]), at: t0)
        board.apply(.modelFinished(.generation, ModelResult(model: "m", outcome: .timedOut(after: .seconds(1)), latency: .seconds(1))), at: t0)
        #expect(board.liveLines(at: t0).joined().contains("\u{1B}[33m"))
        var plainBoard = StatusBoard(style: plain)
        plainBoard.apply(.stageStarted(.generation, models: ["m"]), at: t0)
        #expect(!plainBoard.liveLines(at: t0).joined().contains("\u{1B}"))
    }

    @Test func rankingTableAndChairman() {
        var board = StatusBoard(style: plain)
        let votes = [ReviewVote(reviewer: "a", ranking: ["b", "a"]), ReviewVote(reviewer: "b", ranking: ["b", "a"])]
        board.apply(.aggregate(AggregateRanking(votes: votes, answers: ["a", "b"])), at: t0)
        board.apply(.stageStarted(.synthesis, models: ["b"]), at: t0)
        board.apply(.chairmanChosen("b", reason: "best-ranked answer"), at: t0)
        #expect(board.rankingLines().dropFirst() == ["  1. a  1.00    0 pts  1 vote", "  2. b  1.00    0 pts  1 vote"])
        #expect(board.chairmanLines() == ["chairman: b (best-ranked answer)"])
    }

    @Test func footerSaysWhatArrivedAndWhatItCost() {
        let result = TurnResult(status: .partial, finalAnswer: "x", synthesised: true, chairman: "a",
                                generation: [ModelResult(model: "a", outcome: .arrived(ChatCompletion(text: "x")), latency: .seconds(1)),
                                             ModelResult(model: "b", outcome: .timedOut(after: .seconds(3)), latency: .seconds(3))],
                                reviews: [], aggregate: nil, synthesis: [],
                                usage: [UsageLine(stage: .generation, model: "a", usage: Usage(promptTokens: 10, completionTokens: 5, cost: 0.0012))],
                                stageTimes: [:], totalTime: .milliseconds(3456), failureReasons: [:])
        #expect(TurnFooter.line(result, style: plain) == "partial · models arrived 1/2 · 3.5 s · 15 tokens · $0.0012")
    }
}
