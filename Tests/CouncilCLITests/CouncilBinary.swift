import Foundation
import Testing
import CouncilCore
import CouncilTestSupport

/// The built `council` executable and a hermetic home for it, pointed at a scripted server.
enum CouncilBinary {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let path = root.appendingPathComponent(".build/debug/council").path

    /// A home of its own, and a configuration whose every tier is three models on the scripted server.
    static func environment(server: ScriptedServer, apiKey: String? = nil) throws -> (environment: [String: String], home: URL) {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("council-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let config = ScriptedConfig.text(server: server, models: ["alpha", "bravo", "charlie"], chairman: "alpha",
                                         minResponses: 3, timeout: 30, apiKeyVariable: apiKey == nil ? nil : "LOCAL_KEY")
        let file = home.appendingPathComponent("councilrc")
        try config.write(to: file, atomically: true, encoding: .utf8)
        var environment = ["PATH": "/usr/bin:/bin", "HOME": home.path, "TERM": "xterm", "LANG": "C.UTF-8",
                           "XDG_CONFIG_HOME": home.path, "XDG_DATA_HOME": home.path, "XDG_STATE_HOME": home.path,
                           "COUNCIL_CONFIG": file.path]
        if let apiKey { environment["LOCAL_KEY"] = apiKey }
        return (environment, home)
    }

    /// The hermetic environment, with `alpha`'s line of its configuration given more `settings` (YAML flow).
    static func environment(server: ScriptedServer, alpha settings: String) throws -> (environment: [String: String], home: URL) {
        let (environment, home) = try environment(server: server)
        let file = URL(fileURLWithPath: environment["COUNCIL_CONFIG"]!)
        let text = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "alpha: {provider: local}", with: "alpha: {provider: local, \(settings)}")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return (environment, home)
    }

    /// A scripted council: `generation` answers, every reviewer ranks the answers, the chairman
    /// writes `synthesis`.
    static func council(synthesis: @escaping @Sendable (ModelID) -> ScriptedReply = { _ in .stream("Final.") },
                        generation: @escaping @Sendable (ScriptedRequest) -> ScriptedReply = { .stream("Answer from \($0.model).") })
        async throws -> ScriptedServer {
        let script = CouncilScript(answers: [:], review: { _, view in .stream(view.ranking { $0.count }) },
                                   synthesis: { model, _ in synthesis(model) })
        return try await ScriptedServer.start { request in
            CouncilRequestView(request).kind == .generation ? generation(request) : script.reply(to: request)
        }
    }

    /// A home with neither configuration nor keys: what a new user starts from.
    static func bareEnvironment(home: URL) -> [String: String] {
        ["PATH": "/usr/bin:/bin", "HOME": home.path, "LANG": "C.UTF-8", "XDG_CONFIG_HOME": home.path,
         "XDG_DATA_HOME": home.path, "XDG_STATE_HOME": home.path]
    }

    /// A bare home whose demo is reproducible and fast: a fixed seed, its latencies a quarter of the usual (a turn in about a second, with the margins between a normal answer and the timeout kept).
    static func demoEnvironment(home: URL, seed: UInt64 = 2024) -> [String: String] {
        bareEnvironment(home: home).merging(["COUNCIL_DEMO_SEED": String(seed), "COUNCIL_DEMO_TIME_SCALE": "0.1"]) { $1 }
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Reads on a thread of its own: a blocking read on the concurrency pool would starve the
    /// in-process scripted server on a small machine.
    static func readToEnd(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: handle.readDataToEndOfFile()) }.start()
        }
    }

    /// Starts the binary and leaves it running (the test kills it): stdout discarded, stderr to `errors`.
    static func start(_ arguments: [String], environment: [String: String], errors: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs the binary to completion with pipes (no terminal), feeding `stdin` if given.
    static func run(_ arguments: [String], environment: [String: String], stdin: String? = nil,
                    interruptWhen ready: (@Sendable () -> Bool)? = nil) async throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        let output = Pipe(), errors = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        if let ready {
            // Ctrl-C once the turn is under way, not at a fixed time: a slow machine starts slowly.
            let deadline = ContinuousClock.now + .seconds(20)
            while !ready(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
            process.interrupt()
        }
        async let out = readToEnd(output.fileHandleForReading)
        async let err = readToEnd(errors.fileHandleForReading)
        let (stdout, stderr) = await (out, err)
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }
}
