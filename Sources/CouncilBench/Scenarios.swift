import CouncilCore
import CouncilTestSupport
import Foundation
import Synchronization

/// The engine against the scripted server on loopback, scenario by scenario.
struct Scenarios {
    let repetitions: Int
    let warmUp: Int

    private func measure(_ body: () async throws -> [String: Double]) async rethrows -> [String: [Double]] {
        for _ in 0..<warmUp { _ = try await body() }
        var samples: [String: [Double]] = [:]
        for _ in 0..<repetitions {
            for (key, value) in try await body() { samples[key, default: []].append(value) }
        }
        return samples
    }

    private func fanOut(_ server: ScriptedServer, messages: [ChatMessage] = [.user("benchmark question")]) -> (ParallelFanOut, ParallelFanOut.Call) {
        let provider = OpenAICompatibleClient(endpoint: ProviderEndpoint(name: "bench", baseURL: server.baseURL, apiKey: "sk-bench"))
        return (ParallelFanOut(breakers: BreakerBoard()), { try await provider.complete(model: $0, messages: messages) })
    }

    /// (a) four models at 200/300/400/500 ms: overhead over the slowest.
    func parallelFourModels() async throws -> [Row] {
        let delays: [ModelID: Int] = ["m200": 200, "m300": 300, "m400": 400, "m500": 500]
        let server = try await ScriptedServer.start(replies: delays.mapValues { .stream("answer", delay: .milliseconds($0)) })
        defer { Task { await server.stop() } }
        let (fanOut, call) = fanOut(server)
        let samples = try await measure {
            let start = ContinuousClock.now
            let results = await fanOut.run(models: Array(delays.keys), settings: .init(perModelTimeout: .seconds(10)), call: call)
            guard results.allSatisfy(\.outcome.isSuccess) else { throw BenchError.unexpected("\(results)") }
            return ["overhead": (ContinuousClock.now - start).milliseconds - 500]
        }
        return [Row(scenario: "a", metric: "4 models 200-500 ms: turn - 500 ms", summary: Summary(samples["overhead"]!), unit: "ms", note: "sequential would be 1400 ms")]
    }

    /// (b) early completion, 3 of 4 with one model hanging.
    func earlyCompletion() async throws -> [Row] {
        let replies: [ModelID: ScriptedReply] = ["m200": .stream("a", delay: .milliseconds(200)), "m300": .stream("b", delay: .milliseconds(300)),
                                                 "m400": .stream("c", delay: .milliseconds(400)), "hang": .hang()]
        var overhead: [Double] = []
        var closeDelay: [Double] = []
        for repetition in 0..<(warmUp + repetitions) {
            let server = try await ScriptedServer.start(replies: replies)
            let (fanOut, call) = fanOut(server)
            let third = Mutex<ContinuousClock.Instant?>(nil)
            let count = Mutex(0)
            let start = ContinuousClock.now
            _ = await fanOut.run(models: Array(replies.keys), settings: .init(perModelTimeout: .seconds(30), minResponses: 3), call: call, onResult: { result in
                guard result.outcome.isSuccess else { return }
                let now = ContinuousClock.now
                if count.withLock({ $0 += 1; return $0 }) == 3 { third.withLock { $0 = now } }
            })
            let end = ContinuousClock.now
            let disconnect = await server.disconnect(of: "hang")
            await server.stop()
            guard let disconnect else { throw BenchError.unexpected("the hanging connection was never closed") }
            guard repetition >= warmUp, let thirdAt = third.withLock({ $0 }) else { continue }
            overhead.append((end - start).milliseconds - 400)
            closeDelay.append((disconnect.at - thirdAt).milliseconds)
        }
        return [Row(scenario: "b", metric: "3 of 4, one hanging: turn - 400 ms", summary: Summary(overhead), unit: "ms", note: ""),
                Row(scenario: "b", metric: "hanging connection closed after 3rd answer", summary: Summary(closeDelay), unit: "ms", note: "seen by the server")]
    }

    /// (c) fan-out scale: N models at 100 ms each. The server runs in this process; for 256 models the
    /// overhead is split at the moment the server saw the last request: before it, sending the requests
    /// (client and server share it); after it, that request's timer and everything after it.
    func scale() async throws -> [Row] {
        let arrivals = Mutex<[ContinuousClock.Instant]>([])
        let server = try await ScriptedServer.start { _ in
            let now = ContinuousClock.now
            arrivals.withLock { $0.append(now) }
            return .stream("answer", delay: .milliseconds(100))
        }
        defer { Task { await server.stop() } }
        var rows: [Row] = []
        // The question alone at 4 to 256 models; then 64 models sent a conversation of 40 KB, as a later turn is.
        let history = (0..<20).map { ChatMessage.user("\($0): " + String(repeating: "The council weighs each answer. ", count: 64)) }
        let question = [ChatMessage.user("benchmark question")]
        for (count, messages) in [(4, question), (16, question), (64, question), (256, question), (64, history)] {
            let (fanOut, call) = fanOut(server, messages: messages)
            let models = (0..<count).map { ModelID("m\($0)") }
            let samples = try await measure {
                arrivals.withLock { $0 = [] }
                let cpuStart = processCPUMilliseconds()
                let start = ContinuousClock.now
                let results = await fanOut.run(models: models, settings: .init(perModelTimeout: .seconds(30)), call: call)
                let end = ContinuousClock.now
                let cpu = processCPUMilliseconds() - cpuStart
                guard results.allSatisfy(\.outcome.isSuccess) else { throw BenchError.unexpected("\(results.first { !$0.outcome.isSuccess }!)") }
                let last = arrivals.withLock { $0.max() } ?? end
                return ["overhead": (end - start).milliseconds - 100, "sent": (last - start).milliseconds,
                        "after": (end - last).milliseconds - 100, "cpu": cpu]
            }
            if messages == history {
                rows.append(Row(scenario: "c", metric: "64 models, 40 KB conversation: turn - 100 ms", summary: Summary(samples["overhead"]!), unit: "ms", note: "a later turn"))
                continue
            }
            let target = count == 256 ? "target <= 10 ms" : count == 64 ? "target <= 10 ms (README)" : count == 4 ? "target <= 2 ms" : ""
            rows.append(Row(scenario: "c", metric: "\(count) models at 100 ms: turn - 100 ms", summary: Summary(samples["overhead"]!), unit: "ms", note: target))
            if count == 256 {
                rows.append(Row(scenario: "c", metric: "  last request seen by the server after", summary: Summary(samples["sent"]!), unit: "ms", note: "sending 256 requests"))
                rows.append(Row(scenario: "c", metric: "  from then: turn - 100 ms", summary: Summary(samples["after"]!), unit: "ms", note: "its timer, 256 answers read"))
                rows.append(Row(scenario: "c", metric: "  CPU time of that turn, client and server", summary: Summary(samples["cpu"]!), unit: "ms", note: "of 2 cores"))
            }
        }
        return rows
    }

    /// (e) peer-review prompts for 64 answers of about 2,000 tokens each.
    func reviewPrompts() async -> [Row] {
        let paragraph = String(repeating: "The council weighs each answer carefully. ", count: 190)  // ≈ 8,000 chars ≈ 2,000 tokens
        let answers = (0..<64).map { (model: ModelID("m\($0)"), text: "\($0): " + paragraph) }
        var times: [Double] = []
        var megabytes: [Double] = []
        for repetition in 0..<(warmUp + repetitions) {
            var generator = SeededGenerator(seed: UInt64(repetition))
            let start = ContinuousClock.now
            let assignments = PeerReview.assignments(question: "q", answers: answers, reviewers: answers.map(\.model), using: &generator)
            let elapsed = (ContinuousClock.now - start).milliseconds
            let bytes = assignments.reduce(0) { $0 + $1.messages.reduce(0) { $0 + $1.content.utf8.count } }
            if repetition >= warmUp {
                times.append(elapsed)
                megabytes.append(Double(bytes) / 1_048_576)
            }
        }
        return [Row(scenario: "e", metric: "64 review prompts of 64 x ~2k-token answers", summary: Summary(times), unit: "ms", note: ""),
                Row(scenario: "e", metric: "size of those 64 prompts", summary: Summary(megabytes), unit: "MiB", note: "peak RSS \(String(format: "%.0f", residentMegabytes())) MiB")]
    }
}

enum BenchError: Error { case unexpected(String) }

/// User and system CPU time of this process so far, every thread.
func processCPUMilliseconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func milliseconds(_ time: timeval) -> Double { Double(time.tv_sec) * 1000 + Double(time.tv_usec) / 1000 }
    return milliseconds(usage.ru_utime) + milliseconds(usage.ru_stime)
}

/// Resident memory of this process, from /proc (Linux).
func residentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kilobytes = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return .nan }
    return kilobytes / 1024
}
