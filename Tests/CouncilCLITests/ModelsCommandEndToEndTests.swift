import Foundation
import Testing
import CouncilTestSupport

/// `council models [--discover]` against the scripted server's `GET /v1/models`.
@Suite(.serialized) struct ModelsCommandEndToEndTests {
    @Test func listsTheConfiguredModelsAndDiscoversTheRest() async throws {
        let server = try await OneShotEndToEndTests.server(generation: OneShotEndToEndTests.answering)
        server.listing = ["alpha", "bravo", "newcomer/model-x"]
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let file = try #require(environment["COUNCIL_CONFIG"])
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "alpha: {provider: local}", with: "alpha: {provider: local, name: Alpha One}")
            .replacingOccurrences(of: "bravo: {provider: local}", with: "bravo: {provider: local, timeout: auto, hedge_after: 1.5}")
            .replacingOccurrences(of: "providers:\n", with: "providers:\n  ollama: {base_url: \"\(server.baseURL)\"}\n")
            .write(toFile: file, atomically: true, encoding: .utf8)

        let list = try await CouncilBinary.run(["models"], environment: environment)
        #expect(list.status == 0, "\(list.stderr)")
        let rows = list.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(rows.contains("alpha Alpha One local quick,balanced,high,reasoning – – yes"), "\(list.stdout)")
        #expect(rows.contains("bravo local quick,balanced,high,reasoning auto 1.5 s yes"), "a model's own latency settings: \(list.stdout)")
        #expect(rows.contains { $0.hasPrefix("openai/gpt-4o GPT-4o openrouter") && $0.hasSuffix("no: provider 'openrouter' has no API key: set OPENROUTER_API_KEY") })
        #expect(server.requests.isEmpty, "listing asks no provider")

        let discover = try await CouncilBinary.run(["models", "--discover"], environment: environment)
        #expect(discover.status == 0, "\(discover.stderr)")
        #expect(discover.stdout.contains("local: 3 served, 1 not configured\n  newcomer/model-x\n"), "\(discover.stdout)")
        #expect(discover.stderr.contains("openrouter: skipped (provider 'openrouter' has no API key: set OPENROUTER_API_KEY)"))
        await server.stop()
    }
}
