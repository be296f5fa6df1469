import CouncilCore
import CouncilStore
import Testing
@testable import CouncilCLI

/// `/stats`: tokens and cost per model for the session and over every session, with a total.
@Suite struct StatsTests {
    @Test func reportedCostsThePriceTableAndALowerBound() {
        let table = UsageTable(prices: ["b": ModelPrice(inputPerMillion: 1_000_000, outputPerMillion: 0)],
                               names: ModelNames(["a": "Alpha"]))
        let session = [ModelUsageRow(model: "a", usage: Usage(promptTokens: 10, completionTokens: 5, cost: 0.01)),
                       ModelUsageRow(model: "b", usage: Usage(promptTokens: 2, completionTokens: 0))]
        let all = session + [ModelUsageRow(model: "c", usage: Usage(promptTokens: 7, completionTokens: 7))]
        let lines = table.render(session: session, all: all).split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(lines.contains("Alpha 10 / 5 $0.0100 10 / 5 $0.0100"))
        #expect(lines.contains("b 2 / 0 $2.0000 2 / 0 $2.0000"), "priced from the table")
        #expect(lines.contains("c 0 / 0 – 7 / 7 unknown"))
        #expect(lines.contains("total 12 / 5 $2.0100 19 / 12 ≥ $2.0100"))
    }

    @Test func theSessionsUsageAndEverySessionsAreCounted() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        // Results written straight to the store: no turn runs, so no signal watcher is involved.
        func record(_ session: String, _ model: ModelID, cost: Double?) async throws {
            let id = try await h.runtime.store.createSession(named: session).id!
            let turn = try await h.runtime.store.beginTurn(session: id, prompt: "q", tier: "balanced", models: [model])
            let completion = ChatCompletion(text: "a", usage: Usage(promptTokens: 12, completionTokens: 8, cost: cost))
            try await h.runtime.store.appendResult(turn: turn.id!, stage: .generation,
                                                   ModelResult(model: model, outcome: .arrived(completion), latency: .seconds(1)))
        }
        try await record("other", "alpha", cost: 0.5)
        try await record("s", "alpha", cost: 0.25)
        try await record("s2", "bravo", cost: nil)
        var state = try await h.state(of: "s")
        _ = h.take()
        await h.type("/stats", &state)
        let text = h.take()
        let squeezed = text.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(squeezed.contains("alpha 12 / 8 $0.2500 24 / 16 $0.7500"), "\(text)")
        #expect(squeezed.contains("bravo 0 / 0 – 12 / 8 unknown"), "\(text)")
        #expect(squeezed.contains("total 12 / 8 $0.2500 36 / 24 ≥ $0.7500"), "\(text)")
    }
}
