import CouncilCore
import CouncilTestSupport
import Foundation
import Synchronization

/// (m) A 1 MiB attachment sent to 8 models through every stage: how soon the first request leaves
/// (the question's material is rendered once per turn and each stage's body encoded once), and the
/// process's peak resident memory. Run with `--only m` for a clean peak.
struct AttachmentScenarios {
    let repetitions: Int

    static let models: [ModelID] = (1...8).map { ModelID("m\($0)") }

    func run() async throws -> [Row] {
        let arrivals = Mutex<[ContinuousClock.Instant]>([])
        let script = CouncilScript(answers: [:], review: { _, view in .stream(view.ranking { $0.count }) },
                                   synthesis: { _, _ in .stream("final") })
        let server = try await ScriptedServer.start { request in
            let now = ContinuousClock.now
            arrivals.withLock { $0.append(now) }
            return CouncilRequestView(request).kind == .generation ? .stream("answer from \(request.model)") : script.reply(to: request)
        }
        defer { Task { await server.stop() } }
        let provider = OpenAICompatibleClient(endpoint: ProviderEndpoint(name: "bench", baseURL: server.baseURL))
        let council = Council(router: ModelRouter(models: Self.models, provider: provider), breakers: BreakerBoard())
        let line = "let total = values.reduce(0, +) // the council reads every line of this file\n"
        let text = String(repeating: line, count: 1_048_576 / line.utf8.count + 1).prefix(1_048_576)
        var request = CouncilRequest(question: "review this file", models: Self.models, chairman: "m1",
                                     perModelTimeout: .seconds(30), budget: .seconds(120), contextBudgetTokens: 400_000)
        request.attachments = [Attachment(name: "big.swift", content: .text(String(text)))]

        let before = residentMegabytes()
        var first: [Double] = [], whole: [Double] = []
        for repetition in 0..<(3 + repetitions) {
            arrivals.withLock { $0 = [] }
            server.forgetRequests()
            let start = ContinuousClock.now
            let result = await council.run(request)
            guard result.status == .complete else { throw BenchError.unexpected("1 MiB turn: \(result.status)") }
            guard repetition >= 3 else { continue }
            first.append((arrivals.withLock { $0.min()! } - start).milliseconds)
            whole.append((ContinuousClock.now - start).milliseconds)
        }
        let peak = residentMegabytes()
        return [
            Row(scenario: "m", metric: "1 MiB attachment, 8 models: first request out", summary: Summary(first), unit: "ms",
                note: "material rendered once per turn"),
            Row(scenario: "m", metric: "  whole three-stage turn", summary: Summary(whole), unit: "ms",
                note: "8 × 3 MiB of bodies on loopback"),
            Row(scenario: "m", metric: "  peak RSS", summary: Summary([peak]), unit: "MiB",
                note: String(format: "%.0f MiB before; the server in the same process", before)),
        ]
    }
}
