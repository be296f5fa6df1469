import CouncilCore
import CouncilTestSupport
import Foundation
import Synchronization

/// (j) Hedged requests: four models, one of which answers every second request 3 s late (its first
/// token with it), the others in 100–300 ms; turns of generation without a hedge and with one.
struct HedgeScenarios {
    let repetitions: Int
    static let hedgeAfter: Duration = .milliseconds(500)

    func run() async throws -> [Row] {
        var rows: [Row] = []
        for hedgeAfter in [nil, Self.hedgeAfter] {
            let (times, hedges) = try await turns(hedgeAfter: hedgeAfter)
            let label = hedgeAfter.map { "hedge_after " + String(format: "%.1f s", $0.seconds) } ?? "no hedge"
            // The median alone hides the tail this is about: the mean says what a user waits on average.
            let mean = times.reduce(0, +) / Double(max(times.count, 1))
            rows.append(Row(scenario: "j", metric: "1 of 4 slow every 2nd request: \(label)", summary: Summary(times), unit: "ms",
                            note: "mean \(String(format: "%.0f", mean)) ms; \(hedges) hedges sent in \(times.count) turns"))
        }
        return rows
    }

    /// Turn times in milliseconds, and the hedges sent, after one warm-up turn that opens the connections.
    private func turns(hedgeAfter: Duration?) async throws -> (times: [Double], hedges: Int) {
        let delays: [ModelID: Duration] = ["m100": .milliseconds(100), "m200": .milliseconds(200), "m300": .milliseconds(300)]
        let tailRequests = Mutex(0)
        let server = try await ScriptedServer.start { request in
            if let delay = delays[request.model] { return .stream("answer", delay: delay) }
            let count = tailRequests.withLock { $0 += 1; return $0 }
            return .stream("answer", delay: count % 2 == 0 ? .seconds(3) : .milliseconds(150))
        }
        defer { Task { await server.stop() } }
        let models: [ModelID] = ["m100", "m200", "m300", "tail"]
        let provider = OpenAICompatibleClient(endpoint: ProviderEndpoint(name: "bench", baseURL: server.baseURL))
        let council = Council(router: ModelRouter(models: models, provider: provider), breakers: BreakerBoard())
        var request = CouncilRequest(question: "q", models: models, perModelTimeout: .seconds(10), budget: .seconds(60), mode: .answers)
        if let hedgeAfter {
            request.calls[.generation] = Dictionary(uniqueKeysWithValues: models.map { ($0, CallSettings(hedgeAfter: hedgeAfter)) })
        }
        let hedges = Mutex(0)
        var times: [Double] = []
        for turn in 0...repetitions {
            let start = ContinuousClock.now
            let result = await council.run(request) { if case .modelHedged = $0 { hedges.withLock { $0 += 1 } } }
            guard result.status == .complete else { throw BenchError.unexpected("turn \(turn): \(result.status)") }
            if turn == 0 { hedges.withLock { $0 = 0 } } else { times.append((ContinuousClock.now - start).milliseconds) }
        }
        return (times, hedges.withLock { $0 })
    }
}
