import Foundation
import Testing
import CouncilCore
import CouncilTestSupport

/// A configuration with providers of its own, for one tier: `ask` says nothing about the built-in
/// tiers it never uses, and says once what the tier in use cannot call.
@Suite(.serialized, .timeLimit(.minutes(1))) struct FirstMinutesEndToEndTests {
    @Test func onlyTheTierInUseIsToldWhatItCannotCall() async throws {
        let server = try await CouncilBinary.council()
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let config = """
            providers:
              local: {base_url: "\(server.baseURL)"}
              offline: {base_url: "https://offline.example/v1", api_key_env: OFFLINE_TEST_KEY}
            models:
              alpha: {provider: local}
              bravo: {provider: local}
              remote: {provider: offline}
            tiers:
              balanced: {models: [alpha, bravo, remote]}
            default_tier: balanced
            chairman: alpha

            """
        try config.write(toFile: environment["COUNCIL_CONFIG"]!, atomically: true, encoding: .utf8)

        let run = try await CouncilBinary.run(["ask", "What is 2+2?"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let notes = run.stderr.split(separator: "\n").filter { $0.hasPrefix("left out") }
        #expect(notes == ["left out (provider 'offline' has no API key: set OFFLINE_TEST_KEY): remote"], "\(run.stderr)")
        #expect(!run.stderr.contains("openrouter"), "the built-in tiers it never chose stay quiet:\n\(run.stderr)")

        let quick = try await CouncilBinary.run(["ask", "--tier", "quick", "What is 3+3?"], environment: environment)
        #expect(quick.stderr.contains("left out (provider 'openrouter' has no API key"), "the tier in use is named:\n\(quick.stderr)")
        await server.stop()
    }
}
