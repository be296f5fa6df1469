import CouncilTestSupport
import Foundation

/// (g) start-up of the release binary that sits next to this one: to the REPL's first prompt on a
/// pseudo-terminal, and `council --version`.
struct StartupScenarios {
    let repetitions: Int

    /// The release `council` next to this benchmark.
    static var councilBinary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("council").path
    }

    func run() async throws -> [Row] {
        let binary = Self.councilBinary
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchError.unexpected("no council binary next to the benchmark: build it with swift build -c release")
        }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("council-bench-home-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = ["PATH": "/usr/bin:/bin", "HOME": home.path, "TERM": "xterm", "LANG": "C.UTF-8",
                           "XDG_CONFIG_HOME": home.path, "XDG_DATA_HOME": home.path, "XDG_STATE_HOME": home.path]

        var prompt: [Double] = []
        var shell: [Double] = []
        for repetition in 0..<(repetitions + 3) {
            // `script` itself takes time to start: measure it alone and subtract it.
            let bare = ContinuousClock.now
            let empty = try PseudoTerminal(command: ["/bin/true"], environment: environment, pollInterval: .milliseconds(1))
            _ = await empty.waitForExit()
            let scriptCost = (ContinuousClock.now - bare).milliseconds

            let start = ContinuousClock.now
            let terminal = try PseudoTerminal(command: [binary], environment: environment, pollInterval: .milliseconds(1))
            guard await terminal.waitFor("]> ", timeout: .seconds(10)) != nil else {
                throw BenchError.unexpected("no prompt: \(terminal.transcript)")
            }
            let elapsed = (ContinuousClock.now - start).milliseconds
            terminal.send(PseudoTerminal.controlD)
            _ = await terminal.waitForExit()
            if repetition >= 3 {
                prompt.append(max(0, elapsed - scriptCost))
                shell.append(scriptCost)
            }
        }

        var version: [Double] = []
        for repetition in 0..<(repetitions + 3) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["--version"]
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            let start = ContinuousClock.now
            try process.run()
            process.waitUntilExit()
            if repetition >= 3 { version.append((ContinuousClock.now - start).milliseconds) }
        }
        return [Row(scenario: "g", metric: "start to first REPL prompt (pty)", summary: Summary(prompt), unit: "ms",
                    note: "demo council; pty start-up of \(String(format: "%.1f", Summary(shell).median)) ms subtracted"),
                Row(scenario: "g", metric: "council --version", summary: Summary(version), unit: "ms", note: "")]
    }
}
