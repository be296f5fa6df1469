import CouncilTestSupport
import Foundation

/// (g) memory of the release binary next to this one: the REPL idle at its prompt on a pseudo-terminal,
/// configured with real models on a scripted server on 127.0.0.1. (No row for `council --version`: a
/// child's `ru_maxrss` starts from its parent's size, and the program is gone before /proc can be read.)
struct IdleMemoryScenarios {
    let repetitions: Int

    func run() async throws -> [Row] {
        let binary = StartupScenarios.councilBinary
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchError.unexpected("no council binary next to the benchmark: build it with swift build -c release")
        }
        let server = try await ScriptedServer.start { _ in .stream("Four.") }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("council-bench-idle-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let config = home.appendingPathComponent("councilrc")
        try ScriptedConfig.text(server: server, models: ["alpha", "bravo", "charlie"], chairman: "alpha", minResponses: 3, timeout: 30)
            .write(to: config, atomically: true, encoding: .utf8)
        let environment = ["PATH": "/usr/bin:/bin", "HOME": home.path, "TERM": "xterm", "LANG": "C.UTF-8",
                           "XDG_CONFIG_HOME": home.path, "XDG_DATA_HOME": home.path, "XDG_STATE_HOME": home.path,
                           "COUNCIL_CONFIG": config.path]

        var total: [Double] = [], anonymous: [Double] = [], file: [Double] = []
        // Each run is a new process and a new session: a few are enough for a median.
        for _ in 0..<max(3, min(repetitions, 7)) {
            let terminal = try PseudoTerminal(command: [binary], environment: environment)
            guard await terminal.waitFor("]> ", timeout: .seconds(10)) != nil, let pid = terminal.programIdentifier else {
                throw BenchError.unexpected("no prompt: \(terminal.transcript)")
            }
            // Settled: the warm-up connection is open and the prompt waits for a keystroke.
            try await Task.sleep(for: .seconds(1))
            let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
            terminal.send(PseudoTerminal.controlD)
            _ = await terminal.waitForExit()
            total.append(Self.megabytes(status, "VmRSS"))
            anonymous.append(Self.megabytes(status, "RssAnon"))
            file.append(Self.megabytes(status, "RssFile"))
        }
        await server.stop()

        let split = String(format: "RssAnon %.1f MB + RssFile %.1f MB", Summary(anonymous).median, Summary(file).median)
        return [Row(scenario: "g", metric: "idle REPL at its prompt: VmRSS", summary: Summary(total), unit: "MB",
                    note: "target <= 30 MB; \(split); 3 models on 127.0.0.1")]
    }

    /// A `kB` field of /proc/PID/status, in MB.
    static func megabytes(_ status: String, _ field: String) -> Double {
        let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
        return Double(line.split(separator: " ").dropFirst().first ?? "").map { $0 / 1024 } ?? .nan
    }
}
