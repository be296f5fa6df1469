import Foundation
import Testing
import CouncilCore
import CouncilTestSupport
import CouncilStore
import GRDB

/// `council ask`, `council sessions` and `council replay` as a script would run them: pipes, no terminal.
@Suite(.serialized, .timeLimit(.minutes(2))) struct OneShotEndToEndTests {
    static func server(generation: @escaping @Sendable (ScriptedRequest) -> ScriptedReply) async throws -> ScriptedServer {
        try await CouncilBinary.council(synthesis: { .stream("Final answer by \($0).") }, generation: generation)
    }

    static let answering: @Sendable (ScriptedRequest) -> ScriptedReply = { .stream("Answer from \($0.model).") }

    @Test func answerOnStdoutStatusesOnStderr() async throws {
        let server = try await Self.server(generation: Self.answering)
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let run = try await CouncilBinary.run(["ask", "What is 2+2?"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "Final answer by alpha.\n")
        #expect(run.stderr.contains("generation: alpha arrived in"))
        #expect(run.stderr.contains("models arrived 3/3"))
        #expect(!run.stderr.contains("\u{1B}["), "no colour or cursor movement without a terminal")

        let piped = try await CouncilBinary.run(["ask"], environment: environment, stdin: "What is 3+3?\n")
        #expect(piped.status == 0)
        #expect(server.requests.contains { $0.lastUserText == "What is 3+3?" })
        await server.stop()
    }

    @Test func jsonDocumentOfTheWholeTurn() async throws {
        let server = try await Self.server(generation: Self.answering)
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let run = try await CouncilBinary.run(["ask", "--json", "What is 2+2?"], environment: environment)
        #expect(run.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(document["status"] as? String == "complete")
        #expect(document["final_answer"] as? String == "Final answer by alpha.")
        #expect((document["generation"] as? [[String: Any]])?.count == 3)
        let reviews = try #require(document["reviews"] as? [[String: Any]])
        #expect(reviews.count == 3)
        #expect(reviews.allSatisfy { ($0["ranking"] as? [String])?.count == 3 }, "each review's ranking is a JSON array")
        #expect((document["ranking"] as? [[String: Any]])?.count == 3)
        let totals = try #require(document["totals"] as? [String: Any])
        #expect(totals["arrived"] as? Int == 3)
        await server.stop()
    }

    @Test func everyResultIsStoredAndReviewsWithTheirParsedRanking() async throws {
        let server = try await Self.server(generation: Self.answering)
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let run = try await CouncilBinary.run(["ask", "What is 2+2?"], environment: environment)
        #expect(run.status == 0)
        let store = try CouncilStore(path: home.appendingPathComponent("council/council.db").path)
        let session = try #require(try await store.session(named: "ask"))
        let turn = try #require(try await store.turn(session: session.id!, number: 1))
        #expect(turn.turn.status == .complete)
        #expect(turn.turn.finalAnswer == "Final answer by alpha.")
        #expect(turn.results(of: .generation).count == 3)
        #expect(turn.results(of: .synthesis).count == 1)
        let reviews = turn.results(of: .review)
        #expect(reviews.count == 3)
        for review in reviews {
            let ranking = try #require(review.verdict?.ranking, "\(review.model) has no parsed ranking")
            #expect(Set(ranking) == ["alpha", "bravo", "charlie"])
        }
        await server.stop()
    }

    @Test func exitCodes() async throws {
        let server = try await Self.server { request in
            request.lastUserText.contains("hang") ? .hang() : .error(status: 500, message: "down")
        }
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }

        let failed = try await CouncilBinary.run(["ask", "anything"], environment: environment)
        #expect(failed.status == 1)
        let failedJSON = try await CouncilBinary.run(["ask", "--json", "anything"], environment: environment)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(failedJSON.stdout.utf8)) as? [String: Any])
        #expect(document["status"] as? String == "failed")
        #expect(document["final_answer"] is NSNull, "a failed turn still has the key, as null")
        #expect(failed.stderr.contains("the turn failed"))
        #expect(failed.stderr.contains("alpha: HTTP 500 server error: down"))

        let badTier = try await CouncilBinary.run(["ask", "--tier", "fast", "anything"], environment: environment)
        #expect(badTier.status == 2)
        #expect(badTier.stderr.contains("--tier"))

        let badModel = try await CouncilBinary.run(["ask", "--models", "alpah", "anything"], environment: environment)
        #expect(badModel.status == 2)
        #expect(badModel.stderr.contains("did you mean alpha?"))

        let noQuestion = try await CouncilBinary.run(["ask"], environment: environment, stdin: "")
        #expect(noQuestion.status == 2)

        let interrupted = try await CouncilBinary.run(["ask", "please hang"], environment: environment) {
            server.requests.filter { $0.lastUserText == "please hang" }.count == 3
        }
        #expect(interrupted.status == 130, "\(interrupted.stderr)")
        await server.stop()
    }

    /// Ctrl-C before the turn (here while the question is still being read from stdin) ends the
    /// command with status 130 and says so, instead of killing it or being lost: a shell without job
    /// control starts background commands with SIGINT ignored, and the turn's own watcher would take
    /// the signal over only later.
    @Test func ctrlCBeforeTheTurnExits130() async throws {
        let server = try await Self.server(generation: Self.answering)
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CouncilBinary.path)
        process.arguments = ["ask"]
        process.environment = environment
        let input = Pipe(), errors = Pipe()
        process.standardInput = input  // kept open: the question never ends
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        defer { try? input.fileHandleForWriting.close() }
        // The moment the command catches SIGINT, as the kernel reports it (SigCgt, bit 2 for SIGINT).
        let catchesInterrupt = await waitUntil { Self.caughtSignals(of: process.processIdentifier) & (1 << (SIGINT - 1)) != 0 }
        #expect(catchesInterrupt, "council ask never caught SIGINT while reading its question")
        process.interrupt()
        let stderr = await CouncilBinary.readToEnd(errors.fileHandleForReading)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "killed by the signal instead of exiting")
        #expect(process.terminationStatus == 130)
        #expect(String(decoding: stderr, as: UTF8.self) == "cancelled\n")
        #expect(server.requests.isEmpty)
        await server.stop()
    }

    /// The signals a process catches, from /proc/PID/status; 0 when it cannot be read.
    static func caughtSignals(of pid: Int32) -> UInt64 {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("SigCgt:") }
        return line.flatMap { UInt64($0.dropFirst("SigCgt:".count).trimmingCharacters(in: .whitespaces), radix: 16) } ?? 0
    }

    @Test func withoutAKeyTheDemoCouncilAnswersAndSaysSo() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("council-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = CouncilBinary.demoEnvironment(home: home)
        let run = try await CouncilBinary.run(["ask", "What is a monad?"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("demo council: no API key found"))
        #expect(run.stdout.hasPrefix("[demo]"))
        #expect(run.stderr.contains("ranking:"), "all three stages ran")
    }

    @Test func theKeyNeverReachesTheScreen() async throws {
        let key = "sk-local-SUPERSECRET-0123456789"
        let server = try await Self.server { _ in .error(status: 401, message: "Incorrect API key provided: \(key)") }
        let (environment, home) = try CouncilBinary.environment(server: server, apiKey: key)
        defer { try? FileManager.default.removeItem(at: home) }
        let run = try await CouncilBinary.run(["ask", "anything"], environment: environment)
        #expect(run.status == 1)
        #expect(run.stderr.contains("401"))
        #expect(!(run.stdout + run.stderr).contains("SUPERSECRET"))
        let config = try await CouncilBinary.run(["config"], environment: environment)
        #expect(config.stdout.contains("LOCAL_KEY"))
        #expect(!(config.stdout + config.stderr).contains("SUPERSECRET"))
        await server.stop()
    }

    @Test func sessionsAndReplay() async throws {
        let server = try await Self.server(generation: Self.answering)
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        _ = try await CouncilBinary.run(["ask", "first question"], environment: environment)
        _ = try await CouncilBinary.run(["ask", "second question"], environment: environment)

        let list = try await CouncilBinary.run(["sessions", "list"], environment: environment)
        #expect(list.status == 0)
        #expect(list.stdout.contains("ask"))

        let show = try await CouncilBinary.run(["sessions", "show", "ask"], environment: environment)
        #expect(show.stdout.contains("first question") && show.stdout.contains("Answer from bravo."))

        // Any case, like every other place a tier is given (it was silently ignored before).
        let replay = try await CouncilBinary.run(["replay", "ask", "--tier", "High"], environment: environment)
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.components(separatedBy: "replay of turn").count == 3, "one comparison per turn:\n\(replay.stdout)")
        #expect(replay.stdout.contains("tier balanced → high"))

        let markdown = try await CouncilBinary.run(["sessions", "export", "ask", "--format", "md"], environment: environment)
        #expect(markdown.stdout.contains("second question"))
        await server.stop()
    }
}

/// A process killed with SIGKILL in the middle of a turn leaves a database that opens, with the prompt,
/// every finished result, and the turn marked `interrupted` on the next start.
@Suite(.timeLimit(.minutes(2))) struct CrashInTheMiddleOfATurnTests {
    @Test func sigkillMidTurnKeepsThePromptAndFinishedResults() async throws {
        let server = try await ScriptedServer.start { request in
            request.model == "alpha" ? .stream("Alpha's answer.") : .hang()
        }
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }

        let process = try CouncilBinary.start(["ask", "a question worth keeping"], environment: environment)
        // Both hanging models are waiting and alpha has answered: kill it there.
        _ = await waitUntil { server.requests.count >= 3 || !process.isRunning }
        let database = home.appendingPathComponent("council/council.db").path
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline, try await storedResults(database) < 1 { try await Task.sleep(for: .milliseconds(20)) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let store = try CouncilStore(path: database)
        #expect(store.interruptedOnOpen == 1)
        let session = try #require(try await store.session(named: "ask"))
        let turn = try #require(try await store.turn(session: session.id!, number: 1))
        #expect(turn.turn.prompt == "a question worth keeping")
        #expect(turn.turn.status == .interrupted)
        #expect(turn.results.contains { $0.model == "alpha" && $0.outcome == .arrived && $0.text == "Alpha's answer." })
        await server.stop()
    }

    /// How many model results the (still running) program has committed so far, read through a
    /// second connection as another process would.
    private func storedResults(_ path: String) async throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        let queue = try DatabaseQueue(path: path)
        return try await queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM model_results") ?? 0 }
    }
}

/// The REPL fed from a pipe, as a script or a test harness would use it.
@Suite(.serialized, .timeLimit(.minutes(2))) struct PipedReplTests {
    @Test func oneShotQuestionsDoNotBecomeTheReplsSessionAndExportNeverOverwrites() async throws {
        let server = try await OneShotEndToEndTests.server(generation: OneShotEndToEndTests.answering)
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }

        let first = try await CouncilBinary.run(["--session", "work"], environment: environment, stdin: "What is 2+2?\n")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Final answer by alpha."))
        _ = try await CouncilBinary.run(["ask", "unrelated one-shot"], environment: environment)

        let precious = home.appendingPathComponent("precious.txt")
        try "keep me".write(to: precious, atomically: true, encoding: .utf8)
        let again = try await CouncilBinary.run([], environment: environment,
                                                stdin: "/session\n/tier\n/export md \(precious.path)\n/export md ~/fresh.md\n")
        #expect(again.stderr.contains("/tier: balanced — choose one of"), "a setting command alone shows the setting")
        #expect(again.stderr.contains("session 'work'"), "continues the REPL's session, not 'ask':\n\(again.stderr)")
        #expect(again.stderr.contains("already exists"))
        #expect(try String(contentsOf: precious, encoding: .utf8) == "keep me")
        let fresh = try String(contentsOf: home.appendingPathComponent("fresh.md"), encoding: .utf8)
        #expect(fresh.contains("What is 2+2?"))
        #expect(!fresh.contains("unrelated one-shot"))
        await server.stop()
    }

    @Test func clearedContextStaysClearedAfterARestartAndRunFlagsAreNotSaved() async throws {
        let server = try await OneShotEndToEndTests.server(generation: OneShotEndToEndTests.answering)
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }

        _ = try await CouncilBinary.run(["--session", "s"], environment: environment, stdin: "/mode synth\nMy name is Zed.\n/clear\n")
        // A run with a one-off flag that also changes something else at the prompt.
        _ = try await CouncilBinary.run(["--session", "s", "--mode", "answers"], environment: environment, stdin: "/min 2\n")
        let later = try await CouncilBinary.run(["--session", "s"], environment: environment, stdin: "/config\nWhat is my name?\n")
        #expect(later.status == 0, "\(later.stderr)")
        let mode = later.stdout.split(separator: "\n").first { $0.hasPrefix("mode ") }
        #expect(mode?.contains(" synth ") == true && mode?.hasSuffix(" session") == true,
                "the session keeps its own mode, not the flag's:\n\(later.stdout)")
        let question = try #require(server.requests.last { $0.lastUserText == "What is my name?" })
        #expect(!question.messages.contains { $0.content.contains("Zed") }, "cleared context came back")
        await server.stop()
    }
}
