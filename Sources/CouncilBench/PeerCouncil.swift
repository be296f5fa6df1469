import CouncilTestSupport
import Foundation

/// The peer figure of (n): the same turns through llm-council-core's own HTTP server
/// (`llm-council serve`, `POST /v1/council/run`) pointed at the same scripted server, its gateway's
/// base URL set in its `llm_council.yaml` and its four models `bench/a`…`bench/d`. Optional: when
/// `llm-council` is not on PATH (or in `$COUNCIL_BENCH_PEER`) the rows say so and nothing fails.
/// Install it outside the suite: `pip install "llm-council-core[http]==0.53.0"`.
enum PeerCouncil {
    static var executable: String? {
        if let given = ProcessInfo.processInfo.environment["COUNCIL_BENCH_PEER"] { return given }
        return (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/llm-council" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func rows(scripted: ScriptedServer, repetitions: Int, warmUp: Int) async throws -> [Row] {
        guard let executable else {
            return [Row(scenario: "n", metric: "peer: llm-council serve (not installed)", summary: Summary([]), unit: "ms",
                        note: "skipped: put llm-council on PATH or set COUNCIL_BENCH_PEER")]
        }
        var rows: [Row] = []
        for concurrent in [1, 16, 64] {
            let peer = try await start(executable, scripted: scripted)
            let url = peer.server.address + "/v1/council/run"
            let turn: @Sendable (String) async throws -> TurnClient.Answer = { prompt in
                let answer = try await TurnClient.post(url, #"{"prompt":"\#(prompt)"}"#)
                guard answer.status == 200, answer.body.contains(#""response":"final""#) else {
                    throw BenchError.unexpected("llm-council answered \(answer.status): \(answer.body.prefix(300))")
                }
                return answer
            }
            // One warm-up turn first (its imports and first connections), then the rounds as for council.
            _ = try await turn("warm-up")
            var overheads: [Double] = []
            let cpuStart = peer.server.cpuMilliseconds
            let rounds = concurrent == 1 ? repetitions : max(3, repetitions / 2)
            for round in 0..<(warmUp + rounds) {
                let times = try await TurnClient.burst(concurrent) { try await turn("question \(round)-\($0)") }
                if round >= warmUp { overheads += times.map { $0 - ServeScript.ideal } }
            }
            let cpuPerTurn = (peer.server.cpuMilliseconds - cpuStart) / Double((warmUp + rounds) * concurrent)
            rows.append(Row(scenario: "n", metric: "peer llm-council: \(concurrent) at once: turn - 600 ms", summary: Summary(overheads),
                            unit: "ms", note: String(format: "its CPU %.1f ms a turn; peak RSS %.0f MiB", cpuPerTurn, peer.server.memory("VmHWM"))))
            await peer.server.stop()
            try? FileManager.default.removeItem(at: peer.home)
        }
        return rows
    }

    /// `llm-council serve` on a free port with a home of its own: cache, fallback and telemetry off.
    private static func start(_ executable: String, scripted: ScriptedServer) async throws -> (server: ServerProcess, home: URL) {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("council-bench-peer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let config = home.appendingPathComponent("llm_council.yaml")
        try """
            council:
              models: [\(ServeScript.models.map { "bench/\($0)" }.joined(separator: ", "))]
              chairman: bench/a
            gateways:
              default: openrouter
              providers:
                openrouter:
                  base_url: \(scripted.baseURL)/chat/completions
              fallback:
                enabled: false
            cache:
              enabled: false
            telemetry:
              level: "off"

            """.write(to: config, atomically: true, encoding: .utf8)
        let port = ServerProcess.freePort()
        let environment = ["PATH": (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"), "HOME": home.path,
                           "LANG": "C.UTF-8", "LLM_COUNCIL_CONFIG": config.path, "OPENROUTER_API_KEY": "sk-bench",
                           "LLM_COUNCIL_SUPPRESS_WARNINGS": "1"]
        let server = try await ServerProcess(executable: executable, arguments: ["serve", "--host", "127.0.0.1", "--port", String(port)],
                                             environment: environment, addressPattern: #"http://127\.0\.0\.1:\d+"#, currentDirectory: home)
        return (server, home)
    }
}
