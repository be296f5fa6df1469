import CouncilCore
import CouncilTestSupport
import Foundation

/// The release `council serve --port 0` as a user runs it: a hermetic home, a `--config` file whose
/// every tier is `models` on the scripted server, and the address it prints.
struct ServedCouncil {
    let server: ServerProcess
    let home: URL
    let config: URL
    let environment: [String: String]

    var base: String { server.address }

    /// `extraConfig` is appended to the configuration (YAML), e.g. a `breaker:` section.
    static func start(scripted: ScriptedServer, models: [ModelID], chairman: ModelID, minResponses: Int, timeout: Int,
                      maxConcurrentTurns: Int, extraConfig: String = "") async throws -> ServedCouncil {
        let binary = StartupScenarios.councilBinary
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchError.unexpected("no council binary next to the benchmark: build it with swift build -c release")
        }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("council-bench-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let config = home.appendingPathComponent("councilrc")
        try (ScriptedConfig.text(server: scripted, models: models, chairman: chairman, minResponses: minResponses, timeout: timeout)
            + extraConfig).write(to: config, atomically: true, encoding: .utf8)
        let environment = ["PATH": "/usr/bin:/bin", "HOME": home.path, "LANG": "C.UTF-8",
                           "XDG_CONFIG_HOME": home.path, "XDG_DATA_HOME": home.path, "XDG_STATE_HOME": home.path]
        let server = try await ServerProcess(
            executable: binary,
            arguments: ["serve", "--port", "0", "--max-concurrent-turns", String(maxConcurrentTurns), "--config", config.path],
            environment: environment, addressPattern: #"http://127\.0\.0\.1:\d+/v1"#)
        return ServedCouncil(server: server, home: home, config: config, environment: environment)
    }

    /// `council ARGUMENTS` with the same home and configuration (e.g. `breakers list`), its stdout.
    func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: StartupScenarios.councilBinary)
        process.arguments = arguments + ["--config", config.path]
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(at: home)
    }
}
