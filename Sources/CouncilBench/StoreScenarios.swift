import CouncilCore
import CouncilStore
import Foundation

/// (f) the store: appending model results one transaction each, as a turn does; opening a long session.
struct StoreScenarios {
    let repetitions: Int

    func run() async throws -> [Row] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("council-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = ModelResult(model: "bench/model", outcome: .arrived(ChatCompletion(text: String(repeating: "answer ", count: 200),
                                                                                         usage: Usage(promptTokens: 500, completionTokens: 300))),
                                 latency: .milliseconds(1234))

        var appendTotals: [Double] = []
        var perAppend: [Double] = []
        for repetition in 0..<(repetitions + 1) {
            let store = try CouncilStore(path: directory.appendingPathComponent("append-\(repetition).db").path)
            let session = try await store.createSession(named: "bench")
            let turn = try await store.beginTurn(session: session.id!, prompt: "q", tier: "balanced", models: ["bench/model"])
            let start = ContinuousClock.now
            for _ in 0..<10_000 { try await store.appendResult(turn: turn.id!, stage: .generation, result) }
            let elapsed = (ContinuousClock.now - start).milliseconds
            guard repetition > 0 else { continue }  // the first is the warm-up
            appendTotals.append(elapsed)
            perAppend.append(elapsed * 1000 / 10_000)
        }

        // A session of 1,000 turns with four results each, then what opening it costs the REPL:
        // open the file, list the turns, load the conversation context.
        let path = directory.appendingPathComponent("long.db").path
        do {
            let store = try CouncilStore(path: path)
            let session = try await store.createSession(named: "long")
            for number in 1...1_000 {
                let turn = try await store.beginTurn(session: session.id!, prompt: "question \(number)", tier: "balanced",
                                                     models: ["a", "b", "c", "d"])
                for model: ModelID in ["a", "b", "c", "d"] {
                    var item = result
                    item.model = model
                    try await store.appendResult(turn: turn.id!, stage: .generation, item)
                }
                try await store.finishTurn(turn: turn.id!, status: .complete, finalAnswer: "answer \(number)", synthesised: true,
                                           chairman: "a", ranking: nil, usage: Usage(promptTokens: 10, completionTokens: 10))
            }
        }
        var opens: [Double] = []
        for repetition in 0..<(repetitions + 3) {
            let start = ContinuousClock.now
            let store = try CouncilStore(path: path)
            guard let session = try await store.session(named: "long") else { throw BenchError.unexpected("no session") }
            let turns = try await store.turns(session: session.id!)
            let context = try await store.recentExchanges(session: session.id!, limit: 200)
            let elapsed = (ContinuousClock.now - start).milliseconds
            guard turns.count == 1_000, context.count == 200 else { throw BenchError.unexpected("\(turns.count) turns") }
            if repetition >= 3 { opens.append(elapsed) }
        }
        return [Row(scenario: "f", metric: "append 10,000 model results (1 txn each)", summary: Summary(appendTotals), unit: "ms", note: ""),
                Row(scenario: "f", metric: "  per appended result", summary: Summary(perAppend), unit: "µs", note: ""),
                Row(scenario: "f", metric: "open a 1,000-turn session (list + context)", summary: Summary(opens), unit: "ms", note: "")]
    }
}
