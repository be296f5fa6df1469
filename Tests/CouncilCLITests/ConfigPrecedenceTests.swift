import CouncilCore
import Testing
@testable import CouncilCLI

/// flag > environment > file > default, for several settings.
@Suite struct ConfigPrecedenceTests {
    struct Setting: Sendable, CustomTestStringConvertible {
        var name: String
        var override: ConfigOverride
        var key: String
        /// The whole file, and the line its key is on.
        var file: String
        var fileLine: Int
        var defaultValue: String, fileValue: String, envValue: String, flagValue: String
        var read: @Sendable (CouncilConfig) -> String
        var testDescription: String { name }
    }

    enum Layer: String, Sendable, CaseIterable { case file, env, flag }

    static let settings: [Setting] = [
        Setting(name: "tier", override: .tier, key: ConfigKey.defaultTier, file: "default_tier: quick", fileLine: 1,
                defaultValue: "balanced", fileValue: "quick", envValue: "high", flagValue: "reasoning",
                read: { $0.defaultTier.rawValue }),
        Setting(name: "min_responses", override: .minResponses, key: ConfigKey.minResponses,
                file: "# a comment\nmin_responses: 2", fileLine: 2,
                defaultValue: "3", fileValue: "2", envValue: "1", flagValue: "3", read: { String($0.minResponses) }),
        Setting(name: "chairman", override: .chairman, key: ConfigKey.chairman,
                file: "chairman: anthropic/claude-3-5-sonnet", fileLine: 1, defaultValue: "openai/gpt-4o",
                fileValue: "anthropic/claude-3-5-sonnet", envValue: "google/gemini-1.5-pro",
                flagValue: "openai/gpt-4o-mini", read: { $0.chairman.rawValue }),
        Setting(name: "mode", override: .mode, key: ConfigKey.mode, file: "mode: synth", fileLine: 1,
                defaultValue: "full", fileValue: "synth", envValue: "answers", flagValue: "full", read: { $0.mode.rawValue }),
        Setting(name: "timeout", override: .timeout, key: ConfigKey.tier(.balanced, "timeout"),
                file: "tiers:\n  balanced:\n    timeout: 45", fileLine: 3, defaultValue: "30", fileValue: "45",
                envValue: "50", flagValue: "55", read: { ConfigRenderer.number($0.tier(.balanced).perModelTimeout.seconds) }),
        Setting(name: "context_budget", override: .contextBudget, key: ConfigKey.contextBudget,
                file: "context_budget: 1000", fileLine: 1, defaultValue: "16000", fileValue: "1000",
                envValue: "2000", flagValue: "3000", read: { String($0.contextBudgetTokens) }),
    ]

    /// Every combination of layers, from none to all three.
    static let layerSets: [[Layer]] = [[], [.file], [.env], [.flag], [.file, .env], [.file, .flag], [.env, .flag],
                                       [.file, .env, .flag]]

    @Test(arguments: settings, layerSets)
    func theHighestLayerWins(setting: Setting, layers: [Layer]) async throws {
        try await withSandbox { sandbox in
            var path: String?
            if layers.contains(.file) { path = try sandbox.writeConfig(setting.file) }
            let env = layers.contains(.env) ? [setting.override.environmentVariable: setting.envValue] : [:]
            let flags = ConfigFlags(overrides: layers.contains(.flag) ? [setting.override: setting.flagValue] : [:])

            let config = try sandbox.loader(env).load(flags: flags).config

            let (value, source): (String, ConfigSource) =
                if layers.contains(.flag) { (setting.flagValue, .flag(setting.override.flag)) }
                else if layers.contains(.env) { (setting.envValue, .environment(setting.override.environmentVariable)) }
                else if let path { (setting.fileValue, .file(path: path, line: setting.fileLine)) }
                else { (setting.defaultValue, .builtInDefault) }
            #expect(setting.read(config) == value)
            #expect(config.source(of: setting.key) == source)
        }
    }

    @Test func timeoutFromTheEnvironmentAppliesToEveryTier() async throws {
        try await withSandbox { sandbox in
            let config = try sandbox.loader(["COUNCIL_TIMEOUT": "12.5"]).load().config
            for name in Tier.allCases {
                #expect(config.tier(name).perModelTimeout == .milliseconds(12_500))
                #expect(config.source(of: ConfigKey.tier(name, "timeout")) == .environment("COUNCIL_TIMEOUT"))
            }
        }
    }

    @Test func anEmptyVariableCountsAsUnset() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig("mode: synth")
            let config = try sandbox.loader(["COUNCIL_MODE": ""]).load().config
            #expect(config.mode == .synth)
        }
    }

    @Test func withNothingSetTheSeedsDefaultsApply() async throws {
        try await withSandbox { sandbox in
            let loaded = try sandbox.loader().load()
            let config = loaded.config
            #expect(loaded.file == nil)
            #expect(config.tier(.quick).models == ["openai/gpt-4o-mini", "anthropic/claude-3-5-haiku", "google/gemini-2.0-flash"])
            #expect(config.tier(.high).models.count == 4)
            #expect(Tier.allCases.map { config.tier($0).budget } == [.seconds(30), .seconds(90), .seconds(180), .seconds(600)])
            #expect(config.breaker == BreakerPolicy(failureThreshold: 0.25, window: .seconds(600), minimumRequests: 5,
                                                    cooldown: .seconds(1800)))
            #expect(config.minResponses == 3)
            #expect(config.defaultTier == .balanced)
            #expect(config.models["google/gemini-2.0-flash"]?.price?.inputPerMillion == 0.10)
            #expect(config.dataDirectory == sandbox.home + "/.local/share/council")
            #expect(config.historyFile == sandbox.home + "/.local/state/council/history")
        }
    }

    @Test func xdgDirectoriesPlaceDataAndHistory() async throws {
        try await withSandbox { sandbox in
            let config = try sandbox.loader(["XDG_DATA_HOME": "/xdg/data", "XDG_STATE_HOME": "/xdg/state"]).load().config
            #expect(config.dataDirectory == "/xdg/data/council")
            #expect(config.historyFile == "/xdg/state/council/history")
            #expect(config.source(of: ConfigKey.dataDirectory) == .environment("XDG_DATA_HOME"))
        }
    }

    @Test func pathsInTheFileExpandHomeAndFollowTheFile() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig("data_dir: ~/council-data\nhistory_file: state/history")
            let config = try sandbox.loader().load().config
            #expect(config.dataDirectory == sandbox.home + "/council-data")
            #expect(config.historyFile == sandbox.cwd + "/state/history")
        }
    }
}
