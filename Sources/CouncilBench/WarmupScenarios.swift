import CouncilCore
import CouncilTestSupport
import Foundation

/// (h) the first turn's first request, on a cold client and after the prompt's warm-up. The server
/// delays the first answer on every new connection by `setup`, standing in for a TLS handshake's round
/// trips (simulated: the scripted server speaks plain HTTP).
struct WarmupScenarios {
    let repetitions: Int
    var setup: Duration = .milliseconds(100)

    func run() async throws -> [Row] {
        var cold: [Double] = [], warm: [Double] = []
        for repetition in 0..<(repetitions + 3) {
            for warmed in [false, true] {
                // A new server per measurement: a new port, so the pool holds no connection to it.
                let server = try await ScriptedServer.start(script: { _ in .stream("Four.", pieces: 1) }, connectionSetup: setup)
                let endpoint = ProviderEndpoint(name: "bench", baseURL: server.baseURL)
                if warmed { await ConnectionWarmup.warm(endpoint) }
                let start = ContinuousClock.now
                _ = try await OpenAICompatibleClient(endpoint: endpoint).complete(model: "m", messages: [.user("2+2?")])
                let elapsed = (ContinuousClock.now - start).milliseconds
                await server.stop()
                if repetition >= 3 { if warmed { warm.append(elapsed) } else { cold.append(elapsed) } }
            }
        }
        let note = "connection setup simulated as \(Int(setup.milliseconds)) ms"
        return [Row(scenario: "i", metric: "first request, cold connection", summary: Summary(cold), unit: "ms", note: note),
                Row(scenario: "i", metric: "first request after the prompt's warm-up", summary: Summary(warm), unit: "ms", note: note)]
    }
}
