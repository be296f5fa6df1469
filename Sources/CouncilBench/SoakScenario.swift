import CouncilCore
import CouncilTestSupport
import Foundation
import Synchronization

/// (o) The soak: `turns` turns from 16 clients through the release `council serve` against the hostile
/// council of `SoakScript`, some clients leaving mid-stream. It checks what a long-running server must
/// keep: every turn ends, nothing is left running upstream, the serve process's resident memory and
/// open files stay flat from the first hundred turns to the last, a slot comes back for every turn
/// (16 clients on 16 slots: a lost slot shows as a 429 that never clears), and the breakers open
/// for the models that fail and close again.
struct SoakScenario {
    let turns: Int
    let clients = 16

    struct Sample {
        var turn: Int
        var rss: Double
        var files: Int
    }

    func run() async throws -> [Row] {
        let script = SoakScript()
        let scripted = try await ScriptedServer.start { script.reply(to: $0) }
        defer { Task { await scripted.stop() } }
        // Short breaker windows, so breakers open and close again many times within the run.
        let served = try await ServedCouncil.start(scripted: scripted, models: SoakScript.models, chairman: "steady", minResponses: 4,
                                                   timeout: 3, maxConcurrentTurns: clients,
                                                   extraConfig: "breaker:\n  window: 30\n  cooldown: 3\n  minimum_requests: 5\n")
        let samples = Mutex<[Sample]>([])
        let process = served.server
        let start = ContinuousClock.now
        let tally = await SoakClients(url: served.base + "/chat/completions", turns: turns, clients: clients).run { done in
            guard done % 100 == 0 || done == turns else { return }
            let sample = Sample(turn: done, rss: process.memory("VmRSS"), files: process.openFiles)
            samples.withLock { $0.append(sample) }
        }
        let elapsed = (ContinuousClock.now - start).milliseconds / 1000
        let answeringAtEnd = scripted.answering
        // Upstream settles: a hang's connection is closed once its turn ends, within a deadline.
        let deadline = ContinuousClock.now + .seconds(10)
        while scripted.answering > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        let answering = scripted.answering, open = scripted.openConnections
        try await Task.sleep(for: .seconds(2))
        let idle = Sample(turn: turns, rss: process.memory("VmRSS"), files: process.openFiles)
        // Every slot back: as many turns at once as there are slots, none refused.
        let check = await SoakClients(url: served.base + "/chat/completions", turns: clients, clients: clients, leaving: false).run { _ in }
        let breakers = (try? served.run(["breakers", "list"])) ?? ""
        let peak = process.memory("VmHWM")
        await served.stop()
        return rows(tally: tally, samples: samples.withLock { $0 }, idle: idle, elapsed: elapsed, answering: (answeringAtEnd, answering),
                    open: open, check: check, breakers: breakers, peak: peak)
    }

    private func rows(tally: SoakClients.Tally, samples: [Sample], idle: Sample, elapsed: Double, answering: (Int, Int), open: Int,
                      check: SoakClients.Tally, breakers: String, peak: Double) -> [Row] {
        func row(_ metric: String, _ value: Double, _ unit: String, _ note: String) -> Row {
            Row(scenario: "o", metric: metric, summary: Summary([value]), unit: unit, note: note)
        }
        let ended = tally.endings.values.reduce(0, +)
        let endings = tally.endings.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        let first = samples.first, last = samples.last
        let series = samples.filter { $0.turn % 500 == 0 || $0.turn == 100 }
        var result = [
            row("turns ended (of \(turns), 16 clients)", Double(ended), "", endings + String(format: "; %.0f s", elapsed)),
            row("  turns that waited for a slot (429, retried every 50 ms)", Double(tally.busyWaits.count), "",
                String(format: "%d retries; waited median %.0f ms, max %.0f ms: a turn refused while another's client was leaving",
                       tally.busyRetries, Summary(tally.busyWaits).median, tally.busyWaits.max() ?? 0)),
            row("  serve VmRSS after the first 100 turns", first?.rss ?? .nan, "MiB",
                "every 500: " + series.map { String(format: "%d: %.1f", $0.turn, $0.rss) }.joined(separator: ", ")),
            row("  serve VmRSS after the last turn", last?.rss ?? .nan, "MiB", String(format: "idle 2 s later %.1f; peak %.1f", idle.rss, peak)),
            row("  serve open fds after the first 100 turns", Double(first?.files ?? -1), "", "every 500: " + series.map { "\($0.turn): \($0.files)" }.joined(separator: ", ")),
            row("  serve open fds after the last turn", Double(last?.files ?? -1), "", "idle 2 s later \(idle.files)"),
            row("  upstream requests still answered", Double(answering.1), "",
                "\(answering.0) as the last turn ended; \(open) connections open (the client's idle pool)"),
            row("  \(clients) turns at once on \(clients) slots afterwards", Double(check.endings.filter { $0.key.hasPrefix("200") }.values.reduce(0, +)), "",
                check.endings.map { "\($0.key): \($0.value)" }.sorted().joined(separator: ", ") + "; \(check.busyRetries) retries after 429"),
        ]
        for model in SoakScript.models.map(\.rawValue) {
            let counts = (tally.outcomes[model] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            let line = breakers.split(separator: "\n").first { $0.split(separator: " ").first.map(String.init) == model }
                .map { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().joined(separator: " ") } ?? "?"
            result.append(row("  \(model): stage-1 outcomes", Double(tally.outcomes[model]?["arrived"] ?? 0), "", "\(counts); breaker now: \(line)"))
        }
        return result
    }
}
