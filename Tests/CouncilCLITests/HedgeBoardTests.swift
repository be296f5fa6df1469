import CouncilCore
import Testing
@testable import CouncilCLI

/// A hedged model's row says so while it waits and after its answer arrives.
@Suite struct HedgeBoardTests {
    let t0 = EpochInstant(sinceEpoch: .seconds(1_000))

    @Test func theRowShowsTheHedgeWhileWaitingAndOnceArrived() {
        var board = StatusBoard(style: Style(enabled: false))
        board.apply(.stageStarted(.generation, models: ["m"]), at: t0)
        let plain = board.apply(.modelHedged(.generation, model: "m", after: .milliseconds(1200)), at: t0)
        #expect(plain == "generation: m ↻ hedged after 1.2 s")
        #expect(board.liveLines(at: t0.advanced(by: .seconds(2))).last == "  ⠋ m  waiting 2.0 s · ↻ hedged after 1.2 s")
        board.apply(.modelProgress(.generation, model: "m", receivedCharacters: 5), at: t0)
        #expect(board.liveLines(at: t0).last == "  ⠋ m  receiving, 5 characters · 0.0 s · ↻ hedged after 1.2 s")
        let result = ModelResult(model: "m", outcome: .arrived(ChatCompletion(text: "x")), latency: .seconds(3),
                                 firstToken: .seconds(2), hedgedAfter: .milliseconds(1200))
        #expect(board.apply(.modelFinished(.generation, result), at: t0) == "generation: m arrived in 3.0 s · ↻ hedged after 1.2 s")
        #expect(board.liveLines(at: t0).last == "  ✔ m  arrived in 3.0 s · ↻ hedged after 1.2 s")
    }

    @Test func theChairmansRowShowsItsHedge() {
        var board = StatusBoard(style: Style(enabled: false))
        board.apply(.stageStarted(.synthesis, models: ["c"]), at: t0)
        board.apply(.chairmanChosen("c", reason: "configured chairman"), at: t0)
        board.apply(.modelHedged(.synthesis, model: "c", after: .seconds(2)), at: t0)
        #expect(board.chairmanWaitLine("c", at: t0) == "  ⠋ c  waiting 0.0 s · ↻ hedged after 2.0 s")
    }

    /// A model with a timeout of its own (`timeout: auto`, or a number) shows that limit, not the stage's.
    @Test func aWaitingRowShowsTheModelsOwnLimit() {
        var request = CouncilRequest(question: "q", models: ["own", "tier"], perModelTimeout: .seconds(30))
        request.calls[.generation] = ["own": CallSettings(timeout: .seconds(5))]
        var board = StatusBoard(style: Style(enabled: false))
        board.limits = WaitLimits(request)
        board.apply(.stageStarted(.generation, models: ["own", "tier"]), at: t0)
        #expect(board.liveLines(at: t0.advanced(by: .seconds(2))).suffix(2) == ["  ⠋ own   waiting 2.0 s / 5 s",
                                                                              "  ⠋ tier  waiting 2.0 s / 30 s"])
    }
}
