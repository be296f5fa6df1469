import CouncilCore
import CouncilTestSupport
import Foundation

/// (h) Bounded and quick: memory while a model streams far more than the cap, and the time to report
/// a refused connection. Peak RSS is the process's high-water mark: run with `--only h` for a clean figure.
struct BoundsScenarios {
    let repetitions: Int

    func run() async throws -> [Row] {
        try await [floodedAnswer(), refusedConnection()]
    }

    /// A model streams 200 MB; the client keeps 4 MiB (the default cap) and cancels the rest.
    func floodedAnswer() async throws -> Row {
        let server = try await ScriptedServer.start(replies: ["flood": .flood(bytes: 200_000_000)])
        let client = OpenAICompatibleClient(endpoint: ProviderEndpoint(name: "bench", baseURL: server.baseURL))
        let before = residentMegabytes()
        let start = ContinuousClock.now
        let completion = try await client.complete(model: "flood", messages: [.user("everything")])
        let elapsed = (ContinuousClock.now - start).milliseconds
        await server.stop()
        guard completion.truncated else { throw BenchError.unexpected("the 200 MB answer was not truncated") }
        let peak = residentMegabytes()
        return Row(scenario: "h", metric: "peak RSS, 200 MB streamed answer (cap 4 MiB)", summary: Summary([peak]), unit: "MiB",
                   note: String(format: "%.0f MiB before; answer kept %.1f MiB, truncated after %.0f ms",
                                before, Double(completion.text.utf8.count) / 1_048_576, elapsed))
    }

    /// A provider nobody listens on (a stopped local Ollama): time until the failure is reported.
    func refusedConnection() async throws -> Row {
        let closed = try await ScriptedServer.start(replies: [:])
        await closed.stop()
        let client = OpenAICompatibleClient(endpoint: ProviderEndpoint(name: "ollama", baseURL: "http://127.0.0.1:\(closed.port)/v1"))
        var times: [Double] = []
        for _ in 0..<repetitions {
            let start = ContinuousClock.now
            do {
                _ = try await client.complete(model: "llama3", messages: [.user("hi")])
                throw BenchError.unexpected("a closed port answered")
            } catch ChatError.connectionFailed {
                times.append((ContinuousClock.now - start).milliseconds)
            }
        }
        return Row(scenario: "h", metric: "refused connection reported", summary: Summary(times), unit: "ms", note: "connect timeout 5 s")
    }
}
