import CouncilCore
import CouncilTestSupport
import Testing
@testable import CouncilCLI

/// `providers.NAME.extra_body`: fields every request to that provider carries; OpenRouter's asks for the cost.
@Suite struct ProviderExtraBodyTests {
    @Test func onlyOpenRouterAsksForTheCostByDefault() {
        #expect(BuiltInConfig.openRouter.extraBody == ["usage": .object(["include": .bool(true)])])
        #expect(BuiltInConfig.openAI.extraBody.isEmpty, "OpenAI rejects unknown parameters")
        #expect(BuiltInConfig.ollama.extraBody.isEmpty)
    }

    @Test func aProvidersFieldsReachTheWireUnderTheModelsOwn() async throws {
        let server = try await ScriptedServer.start { _ in .stream("Four.") }
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.writeConfig("""
            providers:
              gw:
                base_url: \(server.baseURL)
                extra_body: {usage: {include: true}, seed: 1}
            models:
              m: {provider: gw, request: {extra_body: {seed: 2}}}
            tiers:
              quick: {models: [m]}
              balanced: {models: [m]}
              high: {models: [m]}
              reasoning: {models: [m]}
            chairman: m
            min_responses: 1
            """)
        let config = try sandbox.loader().load().config
        let route = try #require(ProviderResolution(config: config).routes["m"])
        let options = CallPlanner(config: config, tier: .quick).request(for: "m")
        _ = try await route.complete(model: "m", messages: [.user("2+2?")], options: options) { _ in }
        await server.stop()
        let body = try #require(server.requests.first).json
        #expect((body["usage"] as? [String: Any])?["include"] as? Bool == true)
        #expect(body["seed"] as? Int == 2)
    }
}
