import CouncilCore
import CouncilStore
import Foundation
import Testing
@testable import CouncilCLI

/// A reasoning model's row says it is thinking until its answer begins; its reasoning is stored apart.
@Suite struct ThinkingBoardTests {
    let t0 = EpochInstant(sinceEpoch: .seconds(1_000))

    @Test func theRowShowsThinkingThenReceiving() {
        var board = StatusBoard(style: Style(enabled: false))
        board.apply(.stageStarted(.generation, models: ["r1"]), at: t0)
        #expect(board.apply(.modelThinking(.generation, model: "r1", characters: 240), at: t0) == nil)
        #expect(board.liveLines(at: t0).last == "  ⠋ r1  thinking, 240 characters · 0.0 s")
        board.apply(.modelProgress(.generation, model: "r1", receivedCharacters: 12), at: t0)
        #expect(board.liveLines(at: t0).last == "  ⠋ r1  receiving, 12 characters · 0.0 s")
    }

    @Test func theStoreKeepsTheReasoningApart() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("council-\(UUID().uuidString).db").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try CouncilStore(path: path)
        let session = try await store.createSession(named: "s")
        let turn = try await store.beginTurn(session: session.id!, prompt: "q", tier: "quick", models: ["r1"])
        let result = ModelResult(model: "r1", outcome: .arrived(ChatCompletion(text: "Four.", reasoning: "2+2 is 4.")), latency: .seconds(1))
        try await store.appendResult(turn: turn.id!, stage: .generation, result)
        let stored = try #require(try await store.turn(id: turn.id!)).results.first
        #expect(stored?.text == "Four.")
        #expect(stored?.reasoning == "2+2 is 4.")
    }
}
