import Foundation
import Testing
import CouncilCLI
import CouncilCore
import CouncilTestSupport

/// What the README promises a user sees, through the built binary with piped stdin: `/tier auto`'s
/// choice and its note, the chairman fallback's announcement, a configuration error with its line,
/// `--new` and `-c`, and a replay that sees the conversation as it stood.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ScreenPromisesEndToEndTests {
    /// The generation requests the server saw for `question`, by model.
    static func asked(_ server: ScriptedServer, _ question: String) -> Set<ModelID> {
        Set(server.requests.filter { CouncilRequestView($0).kind == .generation && $0.lastUserText == question }.map(\.model))
    }

    @Test func autoTierSaysWhichTierItChoseAndAsksThatTiersPool() async throws {
        let server = try await CouncilBinary.council()
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        // Tiers whose pools differ, so the choice shows in who is asked.
        let config = """
            providers:
              local: {base_url: "\(server.baseURL)"}
            models:
              alpha: {provider: local}
              bravo: {provider: local}
              charlie: {provider: local}
              delta: {provider: local}
            tiers:
              quick: {models: [alpha, bravo]}
              balanced: {models: [alpha, bravo, charlie]}
              high: {models: [bravo, charlie, delta]}
              reasoning: {models: [charlie, delta]}
            default_tier: balanced
            min_responses: 2

            """
        try config.write(to: home.appendingPathComponent("councilrc"), atomically: true, encoding: .utf8)
        let short = "What is 2+2?", proof = "Prove that the square root of 2 is irrational."
        let run = try await CouncilBinary.run([], environment: environment, stdin: "/tier auto\n\(short)\n\(proof)\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("auto tier: quick — short question (12 characters)"), "\(run.stderr)")
        #expect(run.stderr.contains("auto tier: reasoning — mentions \"prove\""), "\(run.stderr)")
        #expect(Self.asked(server, short) == ["alpha", "bravo"], "the short question goes to the quick pool")
        #expect(Self.asked(server, proof) == ["charlie", "delta"], "the proof goes to the reasoning pool")
        await server.stop()
    }

    @Test func theChairmansFallbackIsAnnounced() async throws {
        let server = try await CouncilBinary.council(synthesis: { model in
            model == "alpha" ? .error(status: 503, message: "overloaded") : .stream("Synthesis by \(model).")
        })
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let run = try await CouncilBinary.run(["ask", "What is 2+2?"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("taking over from alpha"), "the configured chairman failed silently:\n\(run.stderr)")
        #expect(run.stdout.contains("Synthesis by "))
        #expect(!run.stdout.contains("Synthesis by alpha"))
        await server.stop()
    }

    @Test(arguments: [["ask", "anything"], []]) func aConfigurationErrorExitsOneAndNamesItsLine(_ arguments: [String]) async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("council-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let file = home.appendingPathComponent("councilrc")
        try "providers:\n  local:\n    base_url: http://127.0.0.1:9/v1\nmin_responses: many\n".write(to: file, atomically: true, encoding: .utf8)
        var environment = CouncilBinary.bareEnvironment(home: home)
        environment["COUNCIL_CONFIG"] = file.path
        let run = try await CouncilBinary.run(arguments, environment: environment, stdin: "")
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("\(file.path):4:"), "the error names the file and line:\n\(run.stderr)")
        #expect(run.stderr.contains("min_responses"))
    }

    @Test func newStartsASessionAndContinueOpensTheLastOne() async throws {
        let server = try await CouncilBinary.council()
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }

        let first = try await CouncilBinary.run(["--session", "old"], environment: environment, stdin: "first question\n")
        #expect(first.status == 0, "\(first.stderr)")
        let fresh = try await CouncilBinary.run(["--new"], environment: environment, stdin: "second question\n")
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(fresh.stderr.contains("(new)"), "--new opens an empty session:\n\(fresh.stderr)")
        #expect(!fresh.stderr.contains("session 'old'"))
        // Turns served since (`council serve`, `council mcp`, `ask`) are not what the prompt continues.
        for session in [SessionNames.daily("serve"), SessionNames.daily("mcp")] {
            _ = try await CouncilBinary.run(["--session", session], environment: environment, stdin: "served question\n")
        }
        _ = try await CouncilBinary.run(["ask", "asked question"], environment: environment)
        let continued = try await CouncilBinary.run(["-c"], environment: environment, stdin: "third question\n")
        #expect(continued.status == 0, "\(continued.stderr)")
        #expect(continued.stderr.contains("1 earlier turn"), "-c continues the --new session:\n\(continued.stderr)")
        let third = try #require(server.requests.last { $0.lastUserText == "third question" })
        let context = third.messages.map(\.content).joined(separator: "\n")
        #expect(context.contains("second question"), "-c carries the last session's conversation")
        #expect(!context.contains("first question"), "--new did not carry the old session over")
        #expect(!context.contains("served question") && !context.contains("asked question"))
        await server.stop()
    }

    @Test func aReplaySeesTheConversationAsItStood() async throws {
        let server = try await CouncilBinary.council()
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let run = try await CouncilBinary.run(["--session", "r"], environment: environment,
                                              stdin: "first question\nsecond question\nthird question\n/replay 2\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("replaying turn 2"), "\(run.stderr)")
        let asks = server.requests.filter { CouncilRequestView($0).kind == .generation && $0.lastUserText == "second question" }
        let replayed = try #require(asks.last)
        #expect(asks.count == 6, "three models asked twice")
        let context = replayed.messages.map(\.content).joined(separator: "\n")
        #expect(context.contains("first question"), "the turn before is in the replay's context")
        #expect(!context.contains("third question"), "a later turn leaked into the replay's context")
        await server.stop()
    }
}
