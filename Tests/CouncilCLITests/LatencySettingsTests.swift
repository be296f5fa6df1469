import Foundation
import CouncilCore
import CouncilStore
import Testing
@testable import CouncilCLI

/// `timeout:` and `hedge_after:` read from the file at each level and carried by `CallPlanner` into
/// every stage's `CallSettings` of the turn's `CouncilRequest`.
@Suite struct LatencySettingsTests {
    static let yaml = """
        providers:
          local: {base_url: "http://127.0.0.1:9/v1"}
        models:
          alpha: {provider: local, timeout: 12, hedge_after: 0.5}
          bravo: {provider: local, timeout: auto}
          charlie: {provider: local}
        tiers:
          quick: {models: [alpha, bravo], timeout: auto}
          balanced: {models: [alpha, bravo, charlie], timeout: 30, hedge_after: auto}
          high: {models: [alpha]}
          reasoning: {models: [alpha]}
        chairman: charlie
        min_responses: 1
        hedge_after: 2

        """

    func load(_ env: [String: String] = [:], yaml: String = yaml) throws -> CouncilConfig {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.writeConfig(yaml)
        return try sandbox.loader(env).load().config
    }

    /// 40 answers per stage for every model: p95 of 4 s, first token p95 of 0.8 s.
    static let warm = LatencyStats(["alpha", "bravo", "charlie"].flatMap { model in
        Stage.allCases.map { stage in
            var entry = StageLatency(model: ModelID(model), stage: stage)
            entry.answers = 40
            entry.latencyP95 = .seconds(4)
            entry.firstTokens = 40
            entry.firstTokenP95 = .milliseconds(800)
            return entry
        }
    })

    @Test func modelOverTierOverTopLevel() throws {
        let config = try load()
        let planner = CallPlanner(config: config, tier: .balanced, latency: Self.warm)
        #expect(planner.settings(.generation, "alpha").timeout == .seconds(12), "the model's number")
        #expect(planner.settings(.generation, "bravo").timeout == .seconds(6), "the model's auto: 1.5 × 4 s")
        #expect(planner.settings(.generation, "charlie").timeout == nil, "the tier's 30 s: the stage's")
        #expect(planner.settings(.generation, "alpha").hedgeAfter == .milliseconds(500), "the model's")
        #expect(planner.settings(.generation, "charlie").hedgeAfter == .milliseconds(800), "the tier's auto")
        let quick = CallPlanner(config: config, tier: .quick, latency: Self.warm)
        #expect(quick.settings(.generation, "bravo").hedgeAfter == .seconds(2), "the top level's")
        #expect(quick.settings(.generation, "alpha").timeout == .seconds(12), "the model's number beats the tier's auto")
        #expect(quick.perModelTimeout == .seconds(20), "auto keeps the tier's default as the stage's timeout")
        #expect(config.tier(.quick).timeout == .auto)
    }

    @Test func everyStageIsPlannedAndTheChairmansTimeoutIsDoubled() throws {
        let config = try load()
        var state = SessionState(config: config)
        _ = state.switchTier(to: .fixed(.balanced))
        let request = state.request(question: "q", history: [], tier: .balanced, latency: Self.warm)
        #expect(request.perModelTimeout == .seconds(30))
        #expect(request.settings(.review, "bravo").timeout == .seconds(6))
        #expect(request.settings(.review, "charlie").hedgeAfter == .milliseconds(800))
        #expect(request.settings(.synthesis, "alpha").timeout == .seconds(24), "the model's 12 s, doubled like the stage's")
        #expect(request.settings(.synthesis, "charlie").timeout == nil)
        let cold = state.request(question: "q", history: [], tier: .balanced)
        #expect(cold.settings(.generation, "bravo").timeout == nil, "no figures yet: the stage's")
        #expect(cold.settings(.generation, "charlie").hedgeAfter == nil, "no figures yet: no hedge")
    }

    @Test func aFlagOrTheSessionDecidesForEveryModel() throws {
        let flagged = try load(["COUNCIL_TIMEOUT": "auto", "COUNCIL_HEDGE_AFTER": "off"])
        let planner = CallPlanner(config: flagged, tier: .balanced, latency: Self.warm)
        #expect(planner.settings(.generation, "alpha").timeout == .seconds(6), "the variable's auto beats alpha's 12 s")
        #expect(planner.settings(.generation, "alpha").hedgeAfter == nil)
        #expect(planner.timeoutChoice(for: "alpha").origin == .env)
        var chosen = SessionState(config: try load())
        chosen.choose(SettingDeclarations.timeout, .seconds(.seconds(9)))
        let session = chosen.planner(tier: .balanced, latency: Self.warm)
        #expect(session.timeoutChoice(for: "alpha").origin == .session)
        #expect(session.perModelTimeout == .seconds(9))
        #expect(session.settings(.generation, "bravo").timeout == nil, "the session's number is the stage's")
        #expect(session.needsLatency(["alpha"]) == false)
        #expect(CallPlanner(config: try load(), tier: .balanced).needsLatency(["charlie"]), "hedge auto")
    }

    @Test func autoFromAVariableKeepsTheFilesNumberAsItsCeiling() throws {
        let yaml = Self.yaml.replacingOccurrences(of: "timeout: 30", with: "timeout: 45")
        let config = try load(["COUNCIL_TIMEOUT": "auto"], yaml: yaml)
        #expect(config.tier(.balanced).timeout == .auto)
        #expect(config.tier(.balanced).perModelTimeout == .seconds(45), "the file's 45 s, not the default 30")
        #expect(config.source(of: ConfigKey.tier(.balanced, "timeout")) == .environment("COUNCIL_TIMEOUT"))
        let planner = CallPlanner(config: config, tier: .balanced, latency: Self.warm)
        #expect(planner.settings(.generation, "charlie").timeout == .seconds(6))
        let numbered = try load(["COUNCIL_TIMEOUT": "7"], yaml: yaml)
        #expect(numbered.tier(.balanced).timeout == .seconds(.seconds(7)), "a number still replaces the file's")
    }

    @Test(arguments: [
        ("hedge_after: soon\n", 1, "hedge_after"),
        ("models:\n  alpha: {provider: local, hedge_after: soon}\n", 2, "models.alpha.hedge_after"),
        ("models:\n  alpha:\n    provider: local\n    timeout: later\n", 4, "models.alpha.timeout"),
        ("tiers:\n  quick:\n    hedge_after: -1\n", 3, "tiers.quick.hedge_after"),
        ("tiers:\n  quick:\n    timeout: sometimes\n", 3, "tiers.quick.timeout"),
    ])
    func aBadValueNamesTheFileLineAndKey(_ text: String, _ line: Int, _ key: String) throws {
        let yaml = "providers:\n  local: {base_url: \"http://127.0.0.1:9/v1\"}\n" + text
        let error = try #require(throws: ConfigError.self) { try load(yaml: yaml) }
        #expect(error.description.contains(":\(line + 2)"), "\(error)")
        #expect(error.description.contains("'\(key)' must be"), "\(error)")
    }

    @Test func councilConfigShowsTheModelAndTierSettings() throws {
        let rows = ConfigRenderer.rows(try load())
        func value(_ key: String) -> String? { rows.first { $0.key == key }?.value }
        #expect(value("models.alpha.timeout") == "12 s")
        #expect(value("models.bravo.timeout") == "auto")
        #expect(value("models.alpha.hedge_after") == "0.5 s")
        #expect(value("tiers.balanced.hedge_after") == "auto")
        #expect(value("tiers.quick.timeout") == "auto")
        #expect(value("hedge_after") == "2 s")
    }

    @Test func theSessionKeepsTimeoutAutoAndReadsOlderSettings() throws {
        let config = try load()
        var state = SessionState(config: config)
        state.choose(SettingDeclarations.timeout, .auto)
        let saved = state.saved
        #expect(saved.choices?["timeout"] == "auto")
        #expect(saved.timeoutAuto == nil && saved.timeoutSeconds == nil, "the older fields are read, never written")
        let decoded = try JSONDecoder().decode(SessionSettings.self, from: try JSONEncoder().encode(saved))
        #expect(SessionState(config: config, saved: decoded).choice(SettingDeclarations.timeout) == .auto)
        let older = try JSONDecoder().decode(SessionSettings.self, from: Data(#"{"timeout_seconds": 7}"#.utf8))
        #expect(SessionState(config: config, saved: older).choice(SettingDeclarations.timeout) == .seconds(.seconds(7)))
        let olderAuto = try JSONDecoder().decode(SessionSettings.self, from: Data(#"{"timeout_auto": true}"#.utf8))
        #expect(SessionState(config: config, saved: olderAuto).choice(SettingDeclarations.timeout) == .auto)
    }
}
