import Foundation
import Testing
import CouncilCore
import CouncilTestSupport

/// The command line as people type it: options before the subcommand, a question without `ask`.
@Suite(.serialized, .timeLimit(.minutes(2))) struct CommandLineEndToEndTests {
    @Test func optionsBeforeTheSubcommandWorkAndAQuestionWithoutAskGetsAHint() async throws {
        let server = try await CouncilBinary.council()
        var (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let file = try #require(environment["COUNCIL_CONFIG"])
        environment["COUNCIL_CONFIG"] = nil

        let ask = try await CouncilBinary.run(["--config", file, "--tier", "quick", "ask", "What is 2+2?"], environment: environment)
        #expect(ask.status == 0, "\(ask.stderr)")
        #expect(ask.stdout == "Final.\n")

        let stray = try await CouncilBinary.run(["What is 2+2?"], environment: environment)
        #expect(stray.status == 2)
        #expect(stray.stderr.contains("council ask \"What is 2+2?\""), "\(stray.stderr)")
        await server.stop()
    }
}
