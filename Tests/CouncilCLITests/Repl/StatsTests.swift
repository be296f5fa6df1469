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

    @Test func aTurnsUsageIsCountedForTheSessionAndInTotal() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        _ = try await h.runtime.store.createSession(named: "other")
        var other = try await h.state(of: "other")
        await h.type("What is 1+1?", &other)
        _ = try await h.runtime.store.createSession(named: "s")
        var state = try await h.state(of: "s")
        await h.type("What is 2+2?", &state)
        _ = h.take()
        await h.type("/stats", &state)
        let text = h.take()
        let squeezed = text.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        // Each call reports 12 prompt and 8 completion tokens; alpha answers, reviews and chairs.
        #expect(squeezed.contains("alpha 36 / 24 unknown 72 / 48 unknown"), "\(text)")
        #expect(squeezed.contains { $0.hasPrefix("total 84 / 56") }, "\(text)")
    }
}
