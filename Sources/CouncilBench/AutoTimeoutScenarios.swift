import CouncilCLI
import CouncilCore
import CouncilStore
import CouncilTestSupport
import Foundation
import Synchronization

/// (k) `timeout: auto`: a model that answers in about 200 ms but hangs on one request in ten. Turns
/// with the tier's 10 s timeout against turns with the timeout `LatencyPlanner` chooses from stored
/// samples; and what reading those samples costs on a store of 10,000 results.
struct AutoTimeoutScenarios {
    let repetitions: Int
    static let tierTimeout: Duration = .seconds(10)
    static let model: ModelID = "tail"

    func run() async throws -> [Row] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("council-bench-k-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try CouncilStore(path: directory.appendingPathComponent("k.db").path)
        let session = try await store.createSession(named: "k")
        // Warm-up requests never hang, so the store gets its samples; after them one request in ten hangs.
        let warmUp = LatencyPlanner.minimumSamples + 5
        let served = Mutex(0)
        let server = try await ScriptedServer.start { _ in
            let number = served.withLock { $0 += 1; return $0 }
            return number > warmUp && number % 10 == 0 ? .hang() : .stream("answer", delay: .milliseconds(200))
        }
        defer { Task { await server.stop() } }
        let provider = OpenAICompatibleClient(endpoint: ProviderEndpoint(name: "bench", baseURL: server.baseURL, apiKey: "sk-bench"))
        let fanOut = ParallelFanOut(breakers: BreakerBoard(policy: BreakerPolicy(failureThreshold: 1, window: .seconds(600),
                                                                                 minimumRequests: 1_000, cooldown: .seconds(1))))
        let call: ParallelFanOut.Call = { try await provider.complete(model: $0, messages: [.user("benchmark question")]) }

        /// One turn of one model, recorded as the REPL records it; its wall time in milliseconds.
        func turn(timeout: Duration) async throws -> Double {
            let record = try await store.beginTurn(session: session.id!, prompt: "q", tier: "balanced", models: [Self.model])
            let start = ContinuousClock.now
            let results = await fanOut.run(models: [Self.model], settings: .init(perModelTimeout: timeout), call: call)
            let elapsed = (ContinuousClock.now - start).milliseconds
            for result in results { try await store.appendResult(turn: record.id!, stage: .generation, result) }
            return elapsed
        }

        for _ in 0..<warmUp { _ = try await turn(timeout: Self.tierTimeout) }
        var fixed: [Double] = []
        for _ in 0..<repetitions { fixed.append(try await turn(timeout: Self.tierTimeout)) }
        let stats = try await store.recentLatency(models: [Self.model])
        let chosen = LatencyPlanner(stats: stats).timeout(.auto, own: false, model: Self.model, stage: .generation,
                                                          stageTimeout: Self.tierTimeout)
        guard case .auto(let p95, let answers) = chosen.reason else { throw BenchError.unexpected("auto waited: \(chosen)") }
        var auto: [Double] = []
        for _ in 0..<repetitions { auto.append(try await turn(timeout: chosen.value)) }

        let note = String(format: "1.5 × p95 %.0f ms of %d answers, floor %.0f s", p95.milliseconds, answers, LatencyPlanner.floor.seconds)
        return [Row(scenario: "k", metric: "auto timeout chosen from the store", summary: Summary([chosen.value.milliseconds]), unit: "ms", note: note),
                Row(scenario: "k", metric: "turn, tier timeout 10 s (1 in 10 hangs)", summary: Summary(fixed), unit: "ms", note: ""),
                Row(scenario: "k", metric: "turn, timeout auto", summary: Summary(auto), unit: "ms", note: ""),
                try await queryCost(directory)]
    }

    /// What a turn with `auto` pays before it starts: one `recentLatency` read over 8 models on a
    /// store of 10,000 results (8 models × 3 stages, written in one transaction per turn's worth).
    private func queryCost(_ directory: URL) async throws -> Row {
        let store = try CouncilStore(path: directory.appendingPathComponent("big.db").path)
        let session = try await store.createSession(named: "big")
        let models: [ModelID] = (1...8).map { ModelID("m\($0)") }
        var written = 0, turnNumber = 0
        while written < 10_000 {
            turnNumber += 1
            let turn = try await store.beginTurn(session: session.id!, prompt: "q\(turnNumber)", tier: "balanced", models: models)
            for stage in Stage.allCases {
                for model in models where written < 10_000 {
                    let result = ModelResult(model: model, outcome: .arrived(ChatCompletion(text: "a")),
                                             latency: .milliseconds(100 + written % 900), firstToken: .milliseconds(50 + written % 90))
                    try await store.appendResult(turn: turn.id!, stage: stage, result)
                    written += 1
                }
            }
        }
        var samples: [Double] = []
        for repetition in 0..<(repetitions + 3) {
            let start = ContinuousClock.now
            let stats = try await store.recentLatency(models: models)
            let elapsed = (ContinuousClock.now - start).milliseconds
            guard stats[models[0], .generation].answers == CouncilStore.latencyWindow else { throw BenchError.unexpected("window") }
            if repetition >= 3 { samples.append(elapsed) }
        }
        return Row(scenario: "k", metric: "  read recent latency, 8 models, 10k results", summary: Summary(samples), unit: "ms",
                   note: "last \(CouncilStore.latencyWindow) per model and stage")
    }
}
