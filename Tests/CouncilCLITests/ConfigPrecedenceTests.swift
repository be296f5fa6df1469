import CouncilCore
import Testing
@testable import CouncilCLI

/// Loading details beyond the per-declaration table in `ConfigDeclarationTests`.
@Suite struct ConfigPrecedenceTests {
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
            #expect(config.defaultTier == .fixed(.balanced))
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
            #expect(config.source(of: SettingDeclarations.dataDirectory.key) == .environment("XDG_DATA_HOME"))
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
