import Foundation
import CouncilCore
import CouncilStore
import Testing
@testable import CouncilCLI

/// `/models` says which timeout and hedge each council model gets and why; `/stats` shows what the
/// store measured per model and stage. Results are written straight to a real store.
@Suite(.timeLimit(.minutes(2))) struct LatencyDisplayTests {
    /// `count` answers from `model` in stage 1 taking 100, 200, … ms, first tokens a tenth of that;
    /// every fifth hedged.
    static func seed(_ h: ReplHarness, _ model: ModelID, count: Int, stage: Stage = .generation) async throws {
        let store = h.runtime.store
        let session = try await store.createSession(named: "seed-\(model)-\(stage)-\(count)-\(UUID().uuidString.prefix(6))").id!
        let turn = try await store.beginTurn(session: session, prompt: "q", tier: "balanced", models: [model]).id!
        // Slowest first: the newest answer is the fastest, so `auto` follows the p95 (see LatencyPlanner).
        for step in (1...count).reversed() {
            let result = ModelResult(model: model, outcome: .arrived(ChatCompletion(text: "x")), latency: .milliseconds(step * 100),
                                     firstToken: .milliseconds(step * 10), hedgedAfter: step % 5 == 0 ? .milliseconds(50) : nil)
            try await store.appendResult(turn: turn, stage: stage, result)
        }
    }

    static func squeezed(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
    }

    @Test func modelsShowsTheTimeoutInForceAndWhereItCameFrom() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        try await Self.seed(h, "alpha", count: 25)
        try await Self.seed(h, "bravo", count: 7)
        _ = try await h.runtime.store.createSession(named: "s")
        var state = try await h.state(of: "s")
        await h.type("/models", &state)
        #expect(Self.squeezed(h.take()).contains("bravo 30 s tier off"), "no auto: the tier's, and no store read")
        await h.type("/timeout auto", &state)
        _ = h.take()
        await h.type("/models", &state)
        let text = h.take()
        let lines = Self.squeezed(text)
        // alpha: p95 of 100…2500 ms is 2400 ms; 1.5 × that is under the 5 s floor.
        #expect(lines.contains("alpha 5.0 s auto (1.5 × p95 2.4 s, 25 answers) off"), "\(text)")
        #expect(lines.contains("bravo 30 s tier (auto: 7 of 20 answers) off"), "\(text)")
        #expect(lines.contains("alpha · synthesis 60 s tier (auto: 0 of 20 answers) off"), "the chairman's stage: \(text)")
        #expect(text.split(separator: "\n").filter { !$0.hasPrefix("[err]") }.allSatisfy { $0.count <= 100 }, "\(text)")
    }

    @Test func statsShowsPercentilesFirstTokensAndHedgesPerModelAndStage() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        try await Self.seed(h, "alpha", count: 20)
        try await Self.seed(h, "alpha", count: 2, stage: .review)
        _ = try await h.runtime.store.createSession(named: "s")
        var state = try await h.state(of: "s")
        await h.type("/stats", &state)
        let text = h.take()
        let lines = Self.squeezed(text)
        #expect(lines.contains("model stage answers p50 p95 1st token p50 p95 hedged"), "\(text)")
        #expect(lines.contains("alpha generation 20 1.0 s 1.9 s 0.1 s 0.2 s 4"), "\(text)")
        #expect(lines.contains("alpha review 2 0.1 s 0.2 s 0.0 s 0.0 s 0"), "\(text)")
    }

    @Test func aTurnsRequestCarriesTheAutoTimeoutFromTheStore() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        try await Self.seed(h, "alpha", count: 25)
        _ = try await h.runtime.store.createSession(named: "s")
        var state = try await h.state(of: "s")
        let runner = TurnRunner(runtime: h.runtime)
        let fixed = state.settings.request(question: "q", history: [], tier: .balanced)
        let (unchanged, usesAuto) = await runner.resolvingLatency(fixed, state: state.settings, tier: .balanced)
        #expect(unchanged.settings(.generation, "alpha").timeout == nil && !usesAuto)
        await h.type("/timeout auto", &state)
        let request = state.settings.request(question: "q", history: [], tier: .balanced)
        let (resolved, auto) = await runner.resolvingLatency(request, state: state.settings, tier: .balanced)
        #expect(auto)
        #expect(resolved.settings(.generation, "alpha").timeout == .seconds(5), "1.5 × p95 2.4 s, raised to the floor")
        #expect(resolved.settings(.generation, "bravo").timeout == nil, "no answers stored: the stage's")
        #expect(resolved.perModelTimeout == .seconds(30))
    }

    /// A turn with `auto` reads the next turn's figures as it ends; the next turn takes them once.
    @Test func aTurnWithAutoReadsTheNextTurnsFiguresAsItEnds() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        _ = try await h.runtime.store.createSession(named: "s")
        var state = try await h.state(of: "s")
        await h.type("What is 2+2?", &state)
        #expect(h.runtime.latencyPrefetch.take(["alpha", "bravo", "charlie"]) == nil, "no auto: nothing read")
        await h.type("/timeout auto", &state)
        await h.type("What is 3+3?", &state)
        let prefetched = try #require(h.runtime.latencyPrefetch.take(["alpha", "bravo", "charlie"]))
        #expect(await prefetched.value["alpha", .generation].answers == 2, "both turns' answers: \(h.take())")
        #expect(h.runtime.latencyPrefetch.take(["alpha"]) == nil, "taken once")
    }

    @Test func prefetchedFiguresServeTheirModelsOnce() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        try await Self.seed(h, "alpha", count: 3)
        h.runtime.prefetchLatency(of: ["alpha", "bravo"])
        #expect(await h.runtime.recentLatency(of: ["alpha"])["alpha", .generation].answers == 3)
        try await Self.seed(h, "alpha", count: 4)
        #expect(await h.runtime.recentLatency(of: ["alpha"])["alpha", .generation].answers == 7, "taken once, then read afresh")
        h.runtime.prefetchLatency(of: ["alpha"])
        try await Self.seed(h, "charlie", count: 2)
        #expect(await h.runtime.recentLatency(of: ["alpha", "charlie"])["charlie", .generation].answers == 2,
                "figures read for fewer models are not used")
    }
}
