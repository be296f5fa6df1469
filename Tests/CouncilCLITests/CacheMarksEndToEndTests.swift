import Foundation
import Testing
import CouncilCore
import CouncilTestSupport

/// `cache: anthropic` in the configuration file marks the end of the stable prefix of that model's requests.
@Suite(.serialized, .timeLimit(.minutes(2))) struct CacheMarksEndToEndTests {
    @Test func aModelsCacheSettingMarksItsRequestsOnly() async throws {
        let server = try await OneShotEndToEndTests.server(generation: OneShotEndToEndTests.answering)
        let (environment, home) = try CouncilBinary.environment(server: server, alpha: "cache: anthropic")
        defer { try? FileManager.default.removeItem(at: home) }

        let run = try await CouncilBinary.run(["ask", "--system", "Be brief.", "What is 2+2?"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        await server.stop()
        func system(of model: ModelID) throws -> Any? {
            let request = try #require(server.requests.first { $0.model == model && CouncilRequestView($0).kind == .generation })
            return (request.json["messages"] as? [[String: Any]])?.first?["content"]
        }
        let part = try #require((try system(of: "alpha") as? [[String: Any]])?.first)
        #expect((part["cache_control"] as? [String: Any])?["type"] as? String == "ephemeral")
        #expect(part["text"] as? String == "Be brief.")
        #expect(try system(of: "bravo") as? String == "Be brief.", "off by default")

        let config = try await CouncilBinary.run(["config"], environment: environment)
        #expect(config.stdout.contains("models.alpha.cache"), "\(config.stdout)")
    }
}
