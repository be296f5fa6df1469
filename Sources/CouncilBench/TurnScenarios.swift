import CouncilCLI
import CouncilCore
import CouncilTestSupport
import Foundation
import Synchronization

/// (d) a full three-stage turn (generation 100–250 ms, review 100–200 ms, synthesis 150 ms): the engine
/// alone, and the turn as the CLI runs it — engine, store (a real temporary database) and screen.
///
/// The ideal is 250 + 200 + 150 ms, but the scripted server's own timers fire late and a request costs a
/// round trip on loopback: neither is the engine's. So each repetition also times three bare requests
/// with the stages' slowest delays, and every overhead is shown raw and net of theirs.
struct TurnScenarios {
    let repetitions: Int
    let warmUp: Int

    static let generation: [ModelID: Int] = ["a": 100, "b": 150, "c": 200, "d": 250]
    static let review: [ModelID: Int] = ["a": 100, "b": 200, "c": 150, "d": 120]
    static let synthesis = 150
    static let ideal = Double(250 + 200 + synthesis)

    func run() async throws -> [Row] {
        let script = CouncilScript(answers: Self.generation.mapValues { .stream("answer \($0)", delay: .milliseconds($0)) },
                                   review: { model, view in
                                       .stream(view.ranking { $0.count }, delay: .milliseconds(Self.review[model] ?? 0))
                                   },
                                   synthesis: { _, _ in .stream("final", delay: .milliseconds(Self.synthesis)) })
        // When the server saw each request: the first one of a turn says what came before the network.
        let arrivals = Mutex<[ContinuousClock.Instant]>([])
        let server = try await ScriptedServer.start { request in
            let now = ContinuousClock.now
            arrivals.withLock { $0.append(now) }
            // "bare-N": one request answered after N ms, the ideal's measure.
            if request.model.rawValue.hasPrefix("bare-"), let delay = Int(request.model.rawValue.dropFirst(5)) {
                return .stream("bare", delay: .milliseconds(delay))
            }
            return script.reply(to: request)
        }
        defer { Task { await server.stop() } }
        let cli = try await CLITurn(server: server)
        defer { cli.remove() }
        let provider = OpenAICompatibleClient(endpoint: ProviderEndpoint(name: "bench", baseURL: server.baseURL))
        let council = Council(router: ModelRouter(models: Array(Self.generation.keys) + ["bare-250", "bare-200", "bare-150"],
                                                  provider: provider), breakers: BreakerBoard())
        let request = CouncilRequest(question: "q", models: ["a", "b", "c", "d"], chairman: "a",
                                     perModelTimeout: .seconds(10), budget: .seconds(60))

        var samples: [String: [Double]] = [:]
        for repetition in 0..<(warmUp + repetitions) {
            arrivals.withLock { $0 = [] }
            let start = ContinuousClock.now
            let result = await council.run(request)
            let engine = (ContinuousClock.now - start).milliseconds - Self.ideal
            guard result.status == .complete else { throw BenchError.unexpected("engine turn: \(result.status)") }
            let engineFirst = (arrivals.withLock { $0.min()! } - start).milliseconds

            arrivals.withLock { $0 = [] }
            let turn = try await cli.run()
            let cliFirst = (arrivals.withLock { $0.min()! } - turn.start).milliseconds

            // The ideal, measured: one request per stage, with that stage's slowest delay.
            var bare = 0.0
            for delay in [250, 200, 150] {
                let start = ContinuousClock.now
                _ = try await provider.complete(model: ModelID("bare-\(delay)"), messages: [.user("q")])
                bare += (ContinuousClock.now - start).milliseconds - Double(delay)
            }
            guard repetition >= warmUp else { continue }
            for (key, value) in ["engine": engine, "answer": turn.answerOut - Self.ideal, "durable": turn.footerOut - Self.ideal,
                                 "bare": bare, "engineNet": engine - bare, "answerNet": turn.answerOut - Self.ideal - bare,
                                 "durableNet": turn.footerOut - Self.ideal - bare, "engineFirst": engineFirst, "cliFirst": cliFirst] {
                samples[key, default: []].append(value)
            }
        }
        func row(_ key: String, _ metric: String, _ note: String = "") -> Row {
            Row(scenario: "d", metric: metric, summary: Summary(samples[key] ?? []), unit: "ms", note: note)
        }
        return [row("engine", "3-stage turn, engine alone: turn - 600 ms", "raw"),
                row("bare", "  3 bare requests 250+200+150 ms: - 600 ms", "server timers + loopback: the ideal's own cost"),
                row("engineNet", "  engine alone, net of the bare requests", "target <= 2 ms"),
                row("engineFirst", "  first request seen by the server after", ""),
                row("answer", "as the CLI runs it: answer out - 600 ms", "store + screen; raw"),
                row("answerNet", "  answer out, net of the bare requests", "target <= 2 ms"),
                row("durable", "  turn stored and footer shown - 600 ms", "raw"),
                row("durableNet", "  turn stored, net of the bare requests", ""),
                row("cliFirst", "  first request seen by the server after", "the breakers read first, the row beside")]
    }
}

/// The CLI's own turn: a runtime from a configuration against the scripted server, a real session
/// database in a temporary directory, and a screen (a terminal, as at the REPL) whose writes are timed.
private struct CLITurn {
    struct Times {
        var start: ContinuousClock.Instant
        /// When the last of the answer was written, since the turn began.
        var answerOut: Double
        /// When the footer (written once the turn's end is stored) was written.
        var footerOut: Double
    }

    let home: URL
    let runtime: CouncilRuntime
    let session: Int64

    init(server: ScriptedServer) async throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("council-bench-turn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let config = ScriptedConfig.text(server: server, models: ["a", "b", "c", "d"], chairman: "a", minResponses: 4, timeout: 10)
        let file = home.appendingPathComponent("councilrc")
        try config.write(to: file, atomically: true, encoding: .utf8)
        let environment = ["HOME": home.path, "XDG_CONFIG_HOME": home.path, "XDG_DATA_HOME": home.path,
                           "XDG_STATE_HOME": home.path, "COUNCIL_CONFIG": file.path, "TERM": "xterm"]
        runtime = try await CouncilRuntime.start(flags: ConfigFlags(), environment: environment)
        session = try await runtime.store.createSession(named: "bench").id!
    }

    func remove() { try? FileManager.default.removeItem(at: home) }

    func run() async throws -> Times {
        let answer = Mutex<ContinuousClock.Instant?>(nil)
        let status = Mutex<ContinuousClock.Instant?>(nil)
        // The answer is out with its last text; a closing newline is not the answer.
        let output = TurnScreen.Output(answer: { text in if text.contains(where: { !$0.isWhitespace }) { answer.withLock { $0 = .now } } },
                                       status: { _ in status.withLock { $0 = .now } }, width: { 100 })
        let terminal = TerminalInfo(stdinIsTerminal: false, stdoutIsTerminal: true, stderrIsTerminal: true, noColorRequested: false)
        let start = ContinuousClock.now
        let outcome = try await TurnRunner(runtime: runtime, output: output, terminal: terminal)
            .run("q", session: session, state: SessionState(config: runtime.config), history: [])
        guard outcome.result.status == .complete, let answered = answer.withLock({ $0 }), let footer = status.withLock({ $0 }) else {
            throw BenchError.unexpected("CLI turn: \(outcome.result.status)")
        }
        return Times(start: start, answerOut: (answered - start).milliseconds, footerOut: (footer - start).milliseconds)
    }
}
