import CouncilCore
import CouncilTestSupport
import Foundation

/// (n) Full three-stage turns through the release `council serve` (a child process, as a user runs it)
/// against the scripted server in this process: 1, 16 and 64 turns sent at once, each turn's time over
/// the ideal of 600 ms (the stages' slowest scripted delays, as in (d)), the serve process's CPU per turn
/// and its peak RSS (a fresh process per level). Then the same through llm-council's own server when it
/// is installed (`PeerCouncil`).
struct ServeScenarios {
    let repetitions: Int
    let warmUp = 3

    func run() async throws -> [Row] {
        let scripted = try await ScriptedServer.start(script: ServeScript.reply)
        defer { Task { await scripted.stop() } }
        var rows = [try await bareRequests(scripted)]
        // COUNCIL_BENCH_SERVE_LEVELS=16 runs one level: a profile of serve is then
        // `perf record -g -p $(pgrep -n -f 'council serve')` while it runs.
        let levels = ProcessInfo.processInfo.environment["COUNCIL_BENCH_SERVE_LEVELS"].map { $0.split(separator: ",").compactMap { Int($0) } } ?? [1, 16, 64]
        for concurrent in levels {
            rows += try await level(concurrent, scripted)
        }
        rows += try await PeerCouncil.rows(scripted: scripted, repetitions: repetitions, warmUp: warmUp)
        return rows
    }

    /// The ideal's own cost, as in (d): three bare requests of 250, 200 and 150 ms one after another, − 600 ms.
    private func bareRequests(_ scripted: ScriptedServer) async throws -> Row {
        let provider = OpenAICompatibleClient(endpoint: ProviderEndpoint(name: "bench", baseURL: scripted.baseURL))
        var samples: [Double] = []
        for repetition in 0..<(warmUp + repetitions) {
            var bare = 0.0
            for delay in [250, 200, 150] {
                let start = ContinuousClock.now
                _ = try await provider.complete(model: ModelID("bare-\(delay)"), messages: [.user("q")])
                bare += (ContinuousClock.now - start).milliseconds - Double(delay)
            }
            if repetition >= warmUp { samples.append(bare) }
        }
        return Row(scenario: "n", metric: "3 bare requests 250+200+150 ms: - 600 ms", summary: Summary(samples), unit: "ms",
                   note: "the ideal's own cost, for reference")
    }

    private func level(_ concurrent: Int, _ scripted: ScriptedServer) async throws -> [Row] {
        let served = try await ServedCouncil.start(scripted: scripted, models: ServeScript.models, chairman: "a", minResponses: 4,
                                                   timeout: 30, maxConcurrentTurns: max(64, 2 * concurrent))
        let url = served.base + "/chat/completions"
        var rows: [Row] = []
        // Fewer rounds alone: one turn at a time gives one sample a round.
        let rounds = concurrent == 1 ? 4 * repetitions : repetitions
        for stream in [false, true] {
            var overheads: [Double] = []
            let cpuStart = served.server.cpuMilliseconds
            for round in 0..<(warmUp + rounds) {
                let times = try await TurnClient.burst(concurrent) { index in
                    let answer = try await TurnClient.post(url, TurnClient.chat("question \(round)-\(index)", stream: stream))
                    if stream, !answer.body.hasSuffix("data: [DONE]\n\n") { throw BenchError.unexpected("a stream without [DONE]: \(answer.body.suffix(200))") }
                    return answer
                }
                if round >= warmUp { overheads += times.map { $0 - ServeScript.ideal } }
            }
            let cpuPerTurn = (served.server.cpuMilliseconds - cpuStart) / Double((warmUp + rounds) * concurrent)
            let shape = stream ? "streamed" : "whole"
            let target = concurrent == 16 && !stream ? "target <= 25 ms; " : ""
            rows.append(Row(scenario: "n", metric: "\(concurrent) at once, \(shape): turn - 600 ms", summary: Summary(overheads), unit: "ms",
                            note: target + String(format: "serve CPU %.1f ms a turn", cpuPerTurn)))
        }
        rows.append(Row(scenario: "n", metric: "  peak RSS of council serve (\(concurrent) at once)", summary: Summary([served.server.memory("VmHWM")]),
                        unit: "MiB", note: String(format: "VmRSS after: %.1f MiB", served.server.memory("VmRSS"))))
        await served.stop()
        return rows
    }
}
