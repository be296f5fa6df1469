import Foundation
import Testing
import CouncilCore
import CouncilTestSupport

/// `system_prompt:`, `request:` and `--system` through the built binary: the bodies the server received.
@Suite(.serialized) struct RequestSettingsEndToEndTests {
    static let settings = """
        system_prompt: From the file.
        request:
          temperature: 0.3
          extra_body: {seed: 7}
        stages:
          review: {request: {temperature: 0}}

        """

    func environment(_ server: ScriptedServer) throws -> ([String: String], URL) {
        let (environment, home) = try CouncilBinary.environment(server: server)
        let file = try #require(environment["COUNCIL_CONFIG"])
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try (text + Self.settings).write(toFile: file, atomically: true, encoding: .utf8)
        return (environment, home)
    }

    @Test func theFileAndTheFlagReachEveryRequest() async throws {
        let server = try await OneShotEndToEndTests.server(generation: OneShotEndToEndTests.answering)
        let (environment, home) = try environment(server)
        defer { try? FileManager.default.removeItem(at: home) }

        let run = try await CouncilBinary.run(["ask", "What is 2+2?"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let generation = server.requests.filter { CouncilRequestView($0).kind == .generation }
        #expect(generation.count == 3)
        for request in generation {
            #expect(request.messages.first == .system("From the file."))
            #expect(request.json["temperature"] as? Double == 0.3)
            #expect(request.json["seed"] as? Int == 7)
        }
        let reviews = server.requests.filter { CouncilRequestView($0).kind == .review }
        #expect(!reviews.isEmpty && reviews.allSatisfy { $0.json["temperature"] as? Double == 0 })

        let flagged = try await CouncilBinary.run(["ask", "--system", "Be brief.", "What is 3+3?"], environment: environment)
        #expect(flagged.status == 0, "\(flagged.stderr)")
        let second = server.requests.filter { CouncilRequestView($0).kind == .generation && $0.lastUserText == "What is 3+3?" }
        #expect(second.count == 3)
        #expect(second.allSatisfy { $0.messages.first == .system("Be brief.") })
        await server.stop()
    }

    @Test func councilConfigShowsTheEffectiveRequestPerModel() async throws {
        let server = try await OneShotEndToEndTests.server(generation: OneShotEndToEndTests.answering)
        let (environment, home) = try environment(server)
        defer { try? FileManager.default.removeItem(at: home) }
        let run = try await CouncilBinary.run(["config"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("#   bravo: system_prompt \"From the file.\"; temperature 0.3, extra_body {\"seed\":7}"), "\(run.stdout)")
        #expect(run.stdout.contains("stages.review.request"))
        await server.stop()
    }
}
