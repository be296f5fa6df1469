import CouncilCore
import CouncilStore
import Testing
@testable import CouncilCLI

/// `system_prompt:` and `request:` at the top level, per tier, per model and per stage: read with
/// their lines, merged model over tier over top level, and a chosen-now prompt over all of them.
@Suite struct RequestSettingsTests {
    static let yaml = """
        providers:
          local: {base_url: "http://127.0.0.1:9/v1"}
        models:
          alpha:
            provider: local
            system_prompt: Alpha's own.
            request: {temperature: 0.1, extra_body: {provider: {order: [x]}}}
          bravo: {provider: local}
          charlie: {provider: local, system_prompt: off}
        tiers:
          quick: {models: [alpha, bravo]}
          balanced:
            models: [alpha, bravo, charlie]
            system_prompt: Balanced tier.
            request: {max_tokens: 500, top_p: 0.9}
          high: {models: [alpha]}
          reasoning: {models: [alpha]}
        chairman: alpha
        min_responses: 1
        system_prompt: Top level.
        request:
          temperature: 0.7
          reasoning_effort: Low
          extra_body: {seed: 42, provider: {sort: price}}
        stages:
          review: {system_prompt: Judge correctness., request: {temperature: 0}}
          synthesis: {system_prompt: Be concise.}

        """

    func load(_ env: [String: String] = [:], yaml: String = yaml) throws -> CouncilConfig {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.writeConfig(yaml)
        return try sandbox.loader(env).load().config
    }

    @Test func modelOverTierOverTopLevelKeyByKey() throws {
        let planner = CallPlanner(config: try load(), tier: .balanced)
        let alpha = planner.request(for: "alpha")
        #expect(alpha.temperature == 0.1)
        #expect(alpha.maxTokens == 500)
        #expect(alpha.topP == 0.9)
        #expect(alpha.reasoningEffort == "low")
        #expect(alpha.extraBody == ["seed": .integer(42), "provider": .object(["sort": .string("price"), "order": .array([.string("x")])])])
        #expect(planner.request(for: "bravo").temperature == 0.7)
        #expect(CallPlanner(config: try load(), tier: .quick).request(for: "bravo").maxTokens == nil)
    }

    @Test func systemPromptsFromModelTierAndTopLevel() throws {
        let config = try load()
        let balanced = CallPlanner(config: config, tier: .balanced)
        #expect(balanced.systemPrompt(for: "alpha") == "Alpha's own.")
        #expect(balanced.systemPrompt(for: "bravo") == "Balanced tier.")
        #expect(balanced.systemPrompt(for: "charlie") == nil, "off in the model's entry means none")
        #expect(CallPlanner(config: config, tier: .quick).systemPrompt(for: "bravo") == "Top level.")
    }

    @Test func aSessionFlagOrVariablePromptIsEveryModels() throws {
        var state = SessionState(config: try load())
        state.choose(SettingDeclarations.systemPrompt, "Session.")
        #expect(state.planner(tier: .balanced).systemPrompt(for: "alpha") == "Session.")
        state.choose(SettingDeclarations.systemPrompt, "")
        #expect(state.planner(tier: .balanced).systemPrompt(for: "bravo") == nil)
        let variable = CallPlanner(config: try load(["COUNCIL_SYSTEM_PROMPT": "From env."]), tier: .balanced)
        #expect(variable.systemPrompt(for: "alpha") == "From env.")
        #expect(variable.systemPrompt(for: "charlie") == "From env.")
    }

    @Test func stagesAddTheirOwn() throws {
        let planner = CallPlanner(config: try load(), tier: .balanced)
        let review = planner.settings(.review, "bravo")
        #expect(review.systemPrompt == "Judge correctness.")
        #expect(review.options.temperature == 0)
        #expect(review.options.maxTokens == 500)
        #expect(planner.settings(.synthesis, "alpha").systemPrompt == "Alpha's own.\n\nBe concise.")
        #expect(planner.settings(.synthesis, "alpha").options.temperature == 0.1)
    }

    @Test func theSessionsRequestCarriesTheCalls() throws {
        var state = SessionState(config: try load())
        state.choose(SettingDeclarations.systemPrompt, "Chosen.")
        let request = state.request(question: "q", history: [], tier: .balanced)
        #expect(request.systemPrompt == "Chosen.")
        #expect(request.settings(.generation, "charlie").systemPrompt == "Chosen.")
        #expect(request.settings(.generation, "alpha").options.temperature == 0.1)
        #expect(state.saved.choices?["system_prompt"] == "Chosen.")
    }

    @Test(arguments: [
        ("request:\n  temperature: hot", 2, "'request.temperature' must be a number from 0 to 2, got 'hot'"),
        ("request:\n  top_p: 2", 2, "'request.top_p' must be a number from 0 to 1, got '2'"),
        ("tiers:\n  quick:\n    request:\n      max_tokens: -1", 4, "'tiers.quick.request.max_tokens' must be a whole number of at least 1, got '-1'"),
        ("request:\n  extra_body: 3", 2, "'request.extra_body' must be a mapping of fields to add to the request body, got '3'"),
        ("stages:\n  review:\n    request: {temprature: 0}", 3, "unknown key 'temprature' in stages.review.request"),
        ("stages:\n  generation: {}", 2, "unknown key 'generation' in stages"),
    ])
    func badValuesNameFileLineAndKey(yaml: String, line: Int, message: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = try sandbox.writeConfig(yaml)
        let error = try #require(configError { try sandbox.loader().load() })
        #expect(error.source == .file(path: path, line: line))
        #expect(error.description.hasPrefix("\(path):\(line): \(message)"), "\(error)")
    }
}
