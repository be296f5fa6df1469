import Foundation

/// `make bench` (release): the latency tax, measured. Prints a table, or JSON lines with `--json`.
@main
struct CouncilBench {
    static func main() async throws {
        let arguments = CommandLine.arguments.dropFirst()
        let json = arguments.contains("--json")
        let repetitions = value(after: "--reps", in: arguments).flatMap(Int.init) ?? 20
        let only = value(after: "--only", in: arguments).map { Set($0.split(separator: ",").map(String.init)) }
        let scenarios = Scenarios(repetitions: repetitions, warmUp: 3)

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
        try await run("d") { try await scenarios.fullTurn() }
        try await run("e") { await scenarios.reviewPrompts() }
        try await run("f") { try await StoreScenarios(repetitions: repetitions).run() }
        try await run("g") { try await StartupScenarios(repetitions: repetitions).run() }
        try await run("h") { try await BoundsScenarios(repetitions: repetitions).run() }
        try await run("i") { try await WarmupScenarios(repetitions: repetitions).run() }
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
