import CouncilCore
import CouncilDemo
import CouncilTestSupport
import Testing
@testable import CouncilCLI

/// Two scripted servers as two providers of one council: each model goes to its own server.
@Suite(.timeLimit(.minutes(2))) struct ProviderResolutionTests {
    static let alphaKey = "sk-alpha-0123456789abcdef"

    func councilFile(alpha: ScriptedServer, beta: ScriptedServer) -> String {
        """
        providers:
          alpha:
            base_url: \(alpha.baseURL)
            api_key_env: ALPHA_KEY
          beta:
            base_url: \(beta.baseURL)
        models:
          alpha/one: {provider: alpha}
          beta/two: {provider: beta}
        tiers:
          quick: {models: [alpha/one, beta/two]}
          balanced: {models: [alpha/one, beta/two]}
          high: {models: [alpha/one, beta/two]}
          reasoning: {models: [alpha/one, beta/two]}
        chairman: alpha/one
        min_responses: 2
        """
    }

    func withTwoServers(_ body: (ScriptedServer, ScriptedServer) async throws -> Void) async throws {
        let alpha = try await ScriptedServer.start(replies: ["alpha/one": .stream("from alpha")])
        let beta = try await ScriptedServer.start(replies: ["beta/two": .stream("from beta")])
        do {
            try await body(alpha, beta)
        } catch {
            await alpha.stop(); await beta.stop()
            throw error
        }
        await alpha.stop(); await beta.stop()
    }

    @Test func eachModelIsRoutedToItsProvidersServer() async throws {
        try await withTwoServers { alpha, beta in
            try await withSandbox { sandbox in
                try sandbox.writeConfig(councilFile(alpha: alpha, beta: beta))
                let loaded = try sandbox.loader(["ALPHA_KEY": Self.alphaKey]).load()
                let resolution = ProviderResolution(config: loaded.config)
                #expect(resolution.excluded.isEmpty)

                let one = try await #require(resolution.routes["alpha/one"]).complete(model: "alpha/one", messages: [.user("hi")])
                let two = try await #require(resolution.routes["beta/two"]).complete(model: "beta/two", messages: [.user("hi")])
                #expect(one.text == "from alpha")
                #expect(two.text == "from beta")
                #expect(alpha.requests.map(\.model) == ["alpha/one"])
                #expect(beta.requests.map(\.model) == ["beta/two"])
                #expect(alpha.requests.first?.headers["authorization"] == "Bearer \(Self.alphaKey)")
                #expect(beta.requests.first?.headers["authorization"] == nil)
            }
        }
    }

    @Test func aModelWhoseProviderHasNoKeyIsLeftOutAtStartUp() async throws {
        try await withTwoServers { alpha, beta in
            try await withSandbox { sandbox in
                try sandbox.writeConfig(councilFile(alpha: alpha, beta: beta))
                let loaded = try sandbox.loader().load()  // ALPHA_KEY is not set
                let resolution = ProviderResolution(config: loaded.config)
                #expect(resolution.excluded == [ExcludedModel(model: "alpha/one", reason: "provider 'alpha' has no API key: set ALPHA_KEY")])
                #expect(resolution.routes["alpha/one"] == nil)
                #expect(resolution.routes["beta/two"] != nil)

                let setup = CouncilSetup.assemble(loaded)
                #expect(!setup.isDemo)
                #expect(setup.excluded.map(\.model) == ["alpha/one"])
                #expect(setup.config.chairman == "beta/two")
                #expect(setup.notes.count == 1)
                #expect(alpha.requests.isEmpty)  // reported at start-up, not at a first request
            }
        }
    }

    @Test func openRouterGetsItsAttributionHeaders() async throws {
        try await withServer(["openai/gpt-4o": .stream("ok")]) { server in
            try await withSandbox { sandbox in
                try sandbox.writeConfig("providers:\n  openrouter:\n    base_url: \(server.baseURL)\n")
                let loaded = try sandbox.loader(["OPENROUTER_API_KEY": "sk-or-test-123456"]).load()
                let setup = CouncilSetup.assemble(loaded)
                _ = try await #require(setup.routes["openai/gpt-4o"]).complete(model: "openai/gpt-4o", messages: [.user("hi")])
                let request = try #require(server.requests.first)
                #expect(request.headers["x-title"] == "council")
                #expect(request.headers["http-referer"] != nil)
                #expect(request.headers["authorization"] == "Bearer sk-or-test-123456")
            }
        }
    }

    @Test func withoutAnyKeyTheDemoCouncilIsUsed() async throws {
        try await withSandbox { sandbox in
            let setup = CouncilSetup.assemble(try sandbox.loader().load(), demoTimeScale: 0.001)
            #expect(setup.demo == .noUsableKey(missingVariables: ["OPENROUTER_API_KEY"]))
            #expect(Set(setup.routes.keys) == Set(DemoCouncil.models.map(\.id)))
            #expect(setup.config.chairman == DemoCouncil.chairman)
            #expect(setup.config.minResponses == 3)
            #expect(setup.config.tier(.balanced).models == DemoCouncil.models.map(\.id))
            #expect(setup.config.source(of: SettingDeclarations.chairman.key) == .demo)
            let answer = try await #require(setup.routes[DemoCouncil.swift]).complete(model: DemoCouncil.swift, messages: [.user("hi")])
            #expect(answer.text.hasPrefix("[demo]"))
        }
    }

    @Test func theDemoFlagWinsOverKeys() async throws {
        try await withSandbox { sandbox in
            let loaded = try sandbox.loader(["OPENROUTER_API_KEY": "sk-or-test-123456", "COUNCIL_TIER": "high"])
                .load(flags: ConfigFlags(demo: true))
            let setup = CouncilSetup.assemble(loaded)
            #expect(setup.demo == .requested)
            #expect(setup.config.defaultTier == .fixed(.high))  // the user's choices that are not about models stay
        }
    }

    @Test func withAKeyTheRealProvidersAreUsed() async throws {
        try await withSandbox { sandbox in
            let setup = CouncilSetup.assemble(try sandbox.loader(["OPENROUTER_API_KEY": "sk-or-test-123456"]).load())
            #expect(!setup.isDemo)
            #expect(setup.excluded.isEmpty)
            #expect(setup.routes["anthropic/claude-3-5-sonnet"] != nil)
        }
    }
}

/// Runs `body` against a scripted server and stops it afterwards.
func withServer(_ replies: [ModelID: ScriptedReply], _ body: (ScriptedServer) async throws -> Void) async throws {
    let server = try await ScriptedServer.start(replies: replies)
    do {
        try await body(server)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}
