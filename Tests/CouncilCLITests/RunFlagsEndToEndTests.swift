import Foundation
import Testing
import CouncilCore
import CouncilTestSupport

/// A setting given on the command line is for that run only: a session reopened without the flag
/// shows what was chosen in it, even after a run with the flag asked a question and changed another
/// setting (both of which save the session). Each flag on its own, through the built binary.
@Suite(.serialized, .timeLimit(.minutes(2))) struct RunFlagsEndToEndTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var flag: String, value: String
        /// What the session chooses at its own prompt, and how `query` then shows it.
        var choose: String, query: String, sessionShows: String, flagShows: String
        var testDescription: String { flag }
    }

    static let cases = [
        Case(flag: "--tier", value: "high", choose: "/tier quick", query: "/tier", sessionShows: "/tier: quick —", flagShows: "/tier: high —"),
        Case(flag: "--mode", value: "answers", choose: "/mode synth", query: "/mode", sessionShows: "/mode: synth —", flagShows: "/mode: answers —"),
        Case(flag: "--min", value: "1", choose: "/min 2", query: "/min", sessionShows: "/min: 2 —", flagShows: "/min: 1 "),
        Case(flag: "--timeout", value: "7", choose: "/timeout 12", query: "/timeout", sessionShows: "/timeout: 12 s —", flagShows: "/timeout: 7 s "),
        Case(flag: "--hedge-after", value: "3", choose: "/hedge 2", query: "/hedge", sessionShows: "/hedge: 2 s —", flagShows: "/hedge: 3 s "),
        Case(flag: "--chairman", value: "charlie", choose: "/chairman bravo", query: "/chairman", sessionShows: "/chairman: bravo —", flagShows: "/chairman: charlie "),
    ]

    @Test(arguments: cases) func aFlagIsNotSavedIntoTheSession(_ setting: Case) async throws {
        let server = try await CouncilBinary.council()
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }

        let chosen = try await CouncilBinary.run(["--session", "s"], environment: environment, stdin: "\(setting.choose)\n")
        #expect(chosen.status == 0, "\(chosen.stderr)")

        let flagged = try await CouncilBinary.run(["--session", "s", setting.flag, setting.value], environment: environment,
                                                  stdin: "\(setting.query)\n/system Be brief.\nWhat is 2+2?\n")
        #expect(flagged.status == 0, "\(flagged.stderr)")
        #expect(flagged.stderr.contains(setting.flagShows), "the flag applies to its run:\n\(flagged.stderr)")
        #expect(server.requests.contains { $0.lastUserText == "What is 2+2?" }, "the flagged run asked a question:\n\(flagged.stderr)")

        let reopened = try await CouncilBinary.run(["--session", "s"], environment: environment, stdin: "\(setting.query)\n/system\n")
        #expect(reopened.status == 0, "\(reopened.stderr)")
        #expect(reopened.stderr.contains(setting.sessionShows), "\(setting.flag) leaked into the session:\n\(reopened.stderr)")
        #expect(reopened.stderr.contains("Be brief."), "the run's own change at the prompt is kept:\n\(reopened.stderr)")
        await server.stop()
    }
}
