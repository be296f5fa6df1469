import Foundation

/// `make bench` (release): the latency tax, measured. Prints a table, or JSON lines with `--json`.
@main
struct CouncilBench {
    static let usage = """
        USAGE: CouncilBench [--reps N] [--only a,b,…] [--json] [--soak-turns N]

        Measures the engine against a scripted OpenAI-compatible server on 127.0.0.1 (release build: make bench).
          --reps N     repetitions per scenario after 3 warm-ups (default 20)
          --only LIST  run only these scenarios, e.g. --only a,d
          --json       one JSON object per line instead of the table
          --soak-turns N  turns of the soak (o; default 2000)

        Scenarios: a 4 models in parallel · b early completion · c 4–256 models · d full three-stage turn
                   e review prompts · f store appends and session open · g start-up and idle memory
                   h bounded answers and refused connections · i a warm first turn
                   j hedged requests (one model slow on every second request; about 50 s)
                   k auto timeouts from stored latency
                   l the share of each request repeating the previous one over a 30-turn session
                   m a 1 MiB attachment to 8 models
                   n 1, 16 and 64 concurrent turns through the release `council serve` (and llm-council's server
                     when `llm-council` is on PATH or in $COUNCIL_BENCH_PEER; about 4 minutes, 8 with the peer)
                   o soak: 2,000 turns from 16 clients through `council serve` against hostile models (not in
                     a plain run: --only o; about 6 minutes)
        """

    static func main() async throws {
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.contains("--help") || arguments.contains("-h") {
            print(usage)
            return
        }
        let json = arguments.contains("--json")
        let repetitions = value(after: "--reps", in: arguments).flatMap(Int.init) ?? 20
        let only = value(after: "--only", in: arguments).map { Set($0.split(separator: ",").map(String.init)) }
        let scenarios = Scenarios(repetitions: repetitions, warmUp: 3)
        let soakTurns = value(after: "--soak-turns", in: arguments).flatMap(Int.init) ?? 2000

        var rows: [Row] = []
        func run(_ name: String, _ body: () async throws -> [Row]) async throws {
            guard only?.contains(name) ?? true else { return }
            let new = try await body()
            for row in new { print(json ? row.json() : format(row)) }
            rows += new
        }
        if !json {
            print("scenario  metric" + String(repeating: " ", count: 42) + "median       p95")
        }
        try await run("a") { try await scenarios.parallelFourModels() }
        try await run("b") { try await scenarios.earlyCompletion() }
        try await run("c") { try await scenarios.scale() }
        try await run("d") { try await TurnScenarios(repetitions: repetitions, warmUp: 3).run() }
        try await run("e") { await scenarios.reviewPrompts() }
        try await run("f") { try await StoreScenarios(repetitions: repetitions).run() }
        try await run("g") {
            try await StartupScenarios(repetitions: repetitions).run() + IdleMemoryScenarios(repetitions: repetitions).run()
        }
        try await run("h") { try await BoundsScenarios(repetitions: repetitions).run() }
        try await run("i") { try await WarmupScenarios(repetitions: repetitions).run() }
        try await run("j") { try await HedgeScenarios(repetitions: repetitions).run() }
        try await run("k") { try await AutoTimeoutScenarios(repetitions: repetitions).run() }
        try await run("l") { try await PrefixScenarios().run() }
        try await run("m") { try await AttachmentScenarios(repetitions: repetitions).run() }
        try await run("n") { try await ServeScenarios(repetitions: repetitions).run() }
        // Minutes long and a pass/fail check more than a figure: only when asked for.
        if only?.contains("o") == true { try await run("o") { try await SoakScenario(turns: soakTurns).run() } }
    }

    static func value(after flag: String, in arguments: ArraySlice<String>) -> String? {
        guard let index = arguments.firstIndex(of: flag), arguments.index(after: index) < arguments.endIndex else { return nil }
        return arguments[arguments.index(after: index)]
    }

    static func format(_ row: Row) -> String {
        let metric = row.metric.padding(toLength: 48, withPad: " ", startingAt: 0)
        let median = String(format: "%9.3f", row.summary.median)
        let p95 = String(format: "%9.3f", row.summary.p95)
        return "  \(row.scenario)       \(metric)\(median) \(row.unit.padding(toLength: 3, withPad: " ", startingAt: 0))\(p95) \(row.unit)" + (row.note.isEmpty ? "" : "   (\(row.note))")
    }
}
