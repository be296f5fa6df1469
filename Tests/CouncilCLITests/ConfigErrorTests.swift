import Testing
@testable import CouncilCLI

/// Every error names the file and line (or the variable or option), the key, and a suggestion when one is near.
@Suite struct ConfigErrorTests {
    /// Loads `yaml` as `./.councilrc` and returns the error, with the file's path.
    func error(in yaml: String, env: [String: String] = [:], flags: ConfigFlags = ConfigFlags()) throws -> (ConfigError, String) {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = try sandbox.writeConfig(yaml)
        let error = try #require(configError { try sandbox.loader(env).load(flags: flags) })
        return (error, path)
    }

    @Test func unknownKeyInATierSuggestsTheNearestKey() throws {
        let (error, path) = try error(in: """
            tiers:
              balanced:
                timout: 40
            """)
        #expect(error.kind == .unknownKey)
        #expect(error.suggestion == "timeout")
        #expect(error.description == "\(path):3: unknown key 'timout' in tiers.balanced (did you mean 'timeout'?)")
    }

    @Test(arguments: [("min_response: 2", "min_responses", 1), ("mode: full\nchairmen: openai/gpt-4o", "chairman", 2),
                      ("breaker:\n  cooldwn: 5", "cooldown", 2), ("tiers:\n  balancd:\n    timeout: 3", "balanced", 2),
                      ("models:\n  openai/gpt-4o:\n    prise: {input: 1}", "price", 3)])
    func unknownKeysAnywhereAreReportedWithTheirLine(yaml: String, suggestion: String, line: Int) throws {
        let (error, path) = try error(in: yaml)
        #expect(error.kind == .unknownKey)
        #expect(error.suggestion == suggestion)
        #expect(error.source == .file(path: path, line: line))
        #expect(error.description.hasPrefix("\(path):\(line): unknown key"))
    }

    @Test func aKeyFarFromEveryValidOneGetsNoSuggestion() throws {
        let (error, _) = try error(in: "colour: blue")
        #expect(error.kind == .unknownKey)
        #expect(error.suggestion == nil)
        #expect(!error.description.contains("did you mean"))
    }

    @Test(arguments: [
        ("min_responses: three", 1, "'min_responses' must be a whole number of at least 1, got 'three'"),
        ("breaker:\n  window: soon", 2, "'breaker.window' must be a number of seconds from 0.1 to 86400, got 'soon'"),
        ("tiers:\n  quick:\n    models: openai/gpt-4o", 3, "'tiers.quick.models' must be a list of model ids, got 'openai/gpt-4o'"),
        ("providers:\n  - openrouter", 2, "'providers' must be a mapping of keys to values, got a list"),
        ("breaker:\n  failure_threshold: 1.5", 2, "'breaker.failure_threshold' must be a fraction between 0 and 1 (e.g. 0.25 or 25%), got '1.5'"),
        ("chairman: [a, b]", 1, "'chairman' must be a model id such as openai/gpt-4o, got a list"),
        ("providers:\n  local:\n    base_url: localhost:8080", 3, "'providers.local.base_url' must be an http:// or https:// URL, got 'localhost:8080'"),
    ])
    func wrongTypesNameTheExpectedType(yaml: String, line: Int, message: String) throws {
        let (error, path) = try error(in: yaml)
        #expect(error.kind == .wrongType)
        #expect(error.description == "\(path):\(line): \(message)")
    }

    @Test func aModelWithAnUnknownProviderIsAnError() throws {
        let (error, path) = try error(in: """
            models:
              llama3:
                provider: olama
            """)
        #expect(error.kind == .unknownProvider)
        #expect(error.description == "\(path):3: model 'llama3' names unknown provider 'olama' (did you mean 'ollama'?)")
    }

    @Test func aNewModelWithoutAProviderIsAnError() throws {
        let (error, path) = try error(in: "models:\n  llama3:\n    name: Llama")
        #expect(error.kind == .missingKey)
        #expect(error.description.hasPrefix("\(path):2: model 'llama3' needs 'provider'"))
    }

    @Test func anEmptyTierIsAnError() throws {
        let (error, path) = try error(in: """
            tiers:
              quick:
                timeout: 10
              high:
                models: []
            """)
        #expect(error.kind == .emptyTier)
        #expect(error.description.hasPrefix("\(path):5: tier 'high' has no models"))
    }

    @Test func aTierNamingAnUndefinedModelSuggestsTheNearest() throws {
        let (error, path) = try error(in: """
            tiers:
              quick:
                models:
                  - openai/gpt-4o-mini
                  - openai/gpt4o
            """)
        #expect(error.kind == .unknownModel)
        #expect(error.suggestion == "openai/gpt-4o")
        #expect(error.source == .file(path: path, line: 5))
    }

    @Test func minResponsesAboveTheDefaultTierBlamesMinResponses() throws {
        let (error, path) = try error(in: "default_tier: quick\nmin_responses: 4")
        #expect(error.kind == .minResponsesTooLarge)
        #expect(error.description == "\(path):2: min_responses is 4 but the default tier 'quick' has only 3 models")
    }

    @Test func aShrunkDefaultTierBlamesItsModelListWhenMinResponsesIsTheDefault() throws {
        let (error, path) = try error(in: "tiers:\n  balanced:\n    models: [openai/gpt-4o, openai/o1]")
        #expect(error.kind == .minResponsesTooLarge)
        #expect(error.source == .file(path: path, line: 3))
        #expect(error.message.contains("has only 2 models"))
    }

    @Test func aSmallerTierPickedForThisRunIsNotAnError() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig("min_responses: 4\ntiers:\n  high:\n    models: [a/1, a/2, a/3, a/4]\n  quick:\n    models: [a/1, a/2]\n"
                                    + "models:\n  a/1: {provider: ollama}\n  a/2: {provider: ollama}\n  a/3: {provider: ollama}\n  a/4: {provider: ollama}\n"
                                    + "default_tier: high")
            let loaded = try sandbox.loader().load(flags: ConfigFlags(settings: ["--tier": "quick"]))
            #expect(loaded.config.defaultTier == .fixed(.quick), "like /tier quick: the engine waits for both")
        }
    }

    @Test func minResponsesFromTheEnvironmentIsBlamedOnTheVariable() throws {
        let (error, _) = try error(in: "mode: full", env: ["COUNCIL_MIN_RESPONSES": "7"])
        #expect(error.description == "environment variable COUNCIL_MIN_RESPONSES: min_responses is 7 but the default tier 'balanced' has only 3 models")
    }

    @Test func anUnknownTierFromTheEnvironmentSuggestsTheNearest() throws {
        let (error, _) = try error(in: "mode: full", env: ["COUNCIL_TIER": "balancd"])
        #expect(error.kind == .wrongType)
        #expect(error.description == "environment variable COUNCIL_TIER: 'default_tier' must be one of quick, balanced, high, reasoning, auto, got 'balancd' (did you mean 'balanced'?)")
    }

    @Test func anUnknownChairmanFromAFlagIsBlamedOnTheFlag() throws {
        let (error, _) = try error(in: "mode: full", flags: ConfigFlags(settings: ["--chairman": "openai/gpt-4o-mni"]))
        #expect(error.kind == .unknownModel)
        #expect(error.source == .flag("--chairman"))
        #expect(error.suggestion == "openai/gpt-4o-mini")
    }

    @Test func yamlSyntaxErrorsKeepYamsLine() throws {
        let (error, path) = try error(in: "mode: full\ntiers:\n  quick: [a, b\n  high:\n")
        #expect(error.kind == .syntax)
        #expect(error.description.hasPrefix("\(path):"))
        guard case .file(_, let line) = error.source else { Issue.record("no line in \(error)"); return }
        #expect(line >= 3)
        #expect(error.message.contains("YAML syntax error"))
    }

    @Test func duplicateKeysAreSyntaxErrors() throws {
        let (error, path) = try error(in: "mode: full\nmode: synth")
        #expect(error.kind == .syntax)
        #expect(error.description.hasPrefix("\(path):"))
        #expect(error.message.contains("duplicate key 'mode'"))
    }

    @Test func aKeyPastedIntoApiKeyEnvIsNotRepeated() throws {
        let secret = "sk-or-v1-fake-0123456789-abcdef"
        let (error, path) = try error(in: "providers:\n  openrouter:\n    api_key_env: \(secret)")
        #expect(error.kind == .wrongType)
        #expect(error.source == .file(path: path, line: 3))
        #expect(!error.description.contains(secret))
        #expect(!error.description.contains("0123456789abcdef"))
    }

    @Test func anEmptyFileChangesNothing() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig("# nothing here yet\n")
            let loaded = try sandbox.loader().load()
            #expect(loaded.file != nil)
            #expect(loaded.config.defaultTier == .fixed(.balanced))
        }
    }
}
