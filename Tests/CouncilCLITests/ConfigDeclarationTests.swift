import CouncilCore
import CouncilStore
import Foundation
import Testing
@testable import CouncilCLI

/// Every declared setting, layer by layer: flag > environment > session > file > default, with the
/// source reported; bad values named by their variable or option; `council config` lists them all.
@Suite struct ConfigDeclarationTests {
    /// Sample texts per layer and what `council config` shows for them (file and default of a tier
    /// setting are those of the balanced tier). A new declaration without a sample fails the table.
    struct Sample: Sendable {
        var file: (text: String, shown: String)
        var env: (text: String, shown: String)?
        var flag: (text: String, shown: String)?
        /// The session's own choice, and how the state shows the winner.
        var session: (choose: @Sendable (inout SessionSettings) -> Void, shown: String,
                      effective: @Sendable (SessionState, CouncilConfig) -> String)?
        /// Rejected by the parser.
        var bad: String
    }

    static let samples: [String: Sample] = [
        "default_tier": Sample(file: ("quick", "quick"), env: ("high", "high"), flag: ("Reasoning", "reasoning"),
                               session: ({ $0.tier = .auto }, "auto", { state, _ in state.tier.description }), bad: "hgh"),
        "chairman": Sample(file: ("anthropic/claude-3-5-sonnet", "anthropic/claude-3-5-sonnet"),
                           env: ("google/gemini-1.5-pro", "google/gemini-1.5-pro"), flag: ("openai/gpt-4o-mini", "openai/gpt-4o-mini"),
                           session: ({ $0.chairman = "x-ai/grok-4" }, "x-ai/grok-4", { state, _ in state.config.chairman.rawValue }),
                           bad: "two words"),
        "min_responses": Sample(file: ("2", "2"), env: ("1", "1"), flag: ("3", "3"),
                                session: ({ $0.minResponses = 4 }, "4", { state, _ in String(state.config.minResponses) }), bad: "0"),
        "mode": Sample(file: ("synth", "synth"), env: ("answers", "answers"), flag: ("FULL", "full"),
                       session: ({ $0.mode = .synth }, "synth", { state, _ in state.mode.rawValue }), bad: "ful"),
        "debate": Sample(file: ("on", "on"), env: ("AUTO", "auto"), flag: ("off", "off"),
                         session: ({ $0.choices = ["debate": "auto"] }, "auto", { state, _ in state.config.debate.rawValue }), bad: "maybe"),
        "debate_below": Sample(file: ("0.4", "0.4"), env: ("60%", "0.6"), flag: ("0.25", "0.25"), bad: "1.5"),
        "system_prompt": Sample(file: ("Be brief.", "\"Be brief.\""), env: ("Answer in French.", "\"Answer in French.\""),
                                flag: ("off", "off"),
                                session: ({ $0.systemPrompt = "Cite sources." }, "\"Cite sources.\"",
                                          { state, _ in SystemPromptText.show(state.config.systemPrompt) }),
                                bad: "  "),
        "context_budget": Sample(file: ("1000", "1000 tokens"), env: ("2000", "2000 tokens"), flag: ("3000", "3000 tokens"), bad: "-5"),
        "max_attachment_bytes": Sample(file: ("1000", "1000 bytes"), env: ("2000", "2000 bytes"), flag: ("3000", "3000 bytes"), bad: "0"),
        "max_answer_bytes": Sample(file: ("1000", "1000 bytes"), env: ("2000", "2000 bytes"), flag: ("3000", "3000 bytes"), bad: "0"),
        "data_dir": Sample(file: ("/file/data", "/file/data"), env: ("/env/data", "/env/data"), flag: ("/flag/data", "/flag/data"), bad: "  "),
        "history_file": Sample(file: ("/file/history", "/file/history"), env: ("/env/history", "/env/history"),
                               flag: ("/flag/history", "/flag/history"), bad: "  "),
        "log_level": Sample(file: ("info", "info"), env: ("Debug", "debug"), flag: ("warning", "warning"), bad: "verbose"),
        "log_file": Sample(file: ("/file/log", "/file/log"), env: ("/env/log", "/env/log"), flag: ("/flag/log", "/flag/log"), bad: "  "),
        "breaker.failure_threshold": Sample(file: ("50%", "0.5"), bad: "2"),
        "breaker.window": Sample(file: ("60", "60 s"), bad: "soon"),
        "breaker.minimum_requests": Sample(file: ("9", "9"), bad: "1.5"),
        "breaker.cooldown": Sample(file: ("2.5", "2.5 s"), bad: "0"),
        "serve.max_concurrent_turns": Sample(file: ("4", "4"), env: ("16", "16"), flag: ("32", "32"), bad: "0"),
        "serve.stop_deadline": Sample(file: ("5", "5 s"), bad: "never"),
        "serve.keep_alive": Sample(file: ("15", "15 s"), bad: "0"),
        "timeout": Sample(file: ("45", "45 s"), env: ("50", "50 s"), flag: ("Auto", "auto"),
                          session: ({ $0.timeoutSeconds = 12 }, "12 s", { state, _ in state.config.tier(.balanced).timeout.description }),
                          bad: "0"),
        "hedge_after": Sample(file: ("1.5", "1.5 s"), env: ("auto", "auto"), flag: ("OFF", "off"),
                              session: ({ $0.hedgeAfter = "2" }, "2 s", { state, _ in state.config.hedgeAfter.description }), bad: "soon"),
        "budget": Sample(file: ("100", "100 s"), env: ("110", "110 s"), flag: ("120", "120 s"), bad: "999999"),
    ]

    enum Layer: CaseIterable, Comparable {
        // Lowest first; written out here rather than read from `Precedence`, which it checks.
        case builtInDefault, file, session, environment, flag

        var settingLayer: SettingLayer {
            switch self {
            case .builtInDefault: .builtInDefault
            case .file: .file
            case .session: .session
            case .environment: .environment
            case .flag: .flag
            }
        }
    }

    static var keys: [String] { SettingDeclarations.all.map(\.key) }

    /// The YAML that sets `setting` to `text` (for a tier setting: the balanced tier), and its line.
    static func yaml(_ setting: any AnySetting, _ text: String) -> (String, line: Int) {
        if setting.scope == .tier { return ("tiers:\n  balanced:\n    \(setting.key): \(text)\n", 3) }
        let parts = setting.key.split(separator: ".")
        if parts.count == 2 { return ("\(parts[0]):\n  \(parts[1]): \(text)\n", 2) }
        return ("# comment\n\(setting.key): \(text)\n", 2)
    }

    static func slot(_ setting: any AnySetting) -> SettingSlot {
        setting.slots.first { $0.tier == nil || $0.tier == .balanced }!
    }

    @Test(arguments: keys)
    func eachLayerBeatsTheNext(key: String) async throws {
        let setting = try #require(SettingDeclarations.all.first { $0.key == key })
        let sample = try #require(Self.samples[key], "no sample for '\(key)': add one")
        var available: [Layer] = [.file]
        if sample.session != nil { available.append(.session) }
        if sample.env != nil { #expect(setting.environmentVariable != nil); available.append(.environment) }
        if sample.flag != nil { #expect(setting.flag != nil); available.append(.flag) }
        // Every subset of the available layers, the default always underneath.
        for mask in 0..<(1 << available.count) {
            let layers = available.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element)
            try await withSandbox { sandbox in
                var environment: [String: String] = [:], flags = ConfigFlags(), path: String?, line = 0
                if layers.contains(.file) {
                    let (text, at) = Self.yaml(setting, sample.file.text)
                    path = try sandbox.writeConfig(text)
                    line = at
                }
                if layers.contains(.environment), let variable = setting.environmentVariable { environment[variable] = sample.env!.text }
                if layers.contains(.flag), let flag = setting.flag { flags.settings[flag] = sample.flag!.text }
                let config = try sandbox.loader(environment).load(flags: flags).config
                let defaults = BuiltInConfig.config(paths: StandardPaths(environment: sandbox.environment))

                // The configuration: flag > environment > file > default.
                let top = layers.filter { $0 != .session }.max() ?? .builtInDefault
                let slot = Self.slot(setting)
                let (shown, source): (String, ConfigSource) = switch top {
                case .flag: (sample.flag!.shown, .flag(setting.flag!))
                case .environment: (sample.env!.shown, .environment(setting.environmentVariable!))
                case .file: (sample.file.shown, .file(path: path!, line: line))
                default: (setting.display(slot, in: defaults), .builtInDefault)
                }
                #expect(setting.display(slot, in: config) == shown, "\(key) with \(layers)")
                #expect(config.source(of: slot.key) == source, "\(key) with \(layers)")

                // The session sits between the environment and the file.
                guard let session = sample.session else { return }
                var saved = SessionSettings()
                if layers.contains(.session) { session.choose(&saved) }
                let state = SessionState(config: config, saved: saved)
                let winner = layers.max() ?? .builtInDefault
                #expect(session.effective(state, config) == (winner == .session ? session.shown : shown), "\(key) with \(layers)")
                // What `/config` shows: the session's choice with `session` as its source.
                #expect(state.config.source(of: slot.key) == (winner == .session ? .session : source), "\(key) with \(layers)")
                #expect(setting.sessionWinner(config: config, saved: saved) == winner.settingLayer, "\(key) with \(layers)")
                // A flag or variable is for this run: the session keeps its own choice (or none).
                if winner > .session {
                    #expect(setting.sessionText(in: state.saved) == setting.sessionText(in: saved), "\(key) with \(layers)")
                }
            }
        }
    }

    @Test(arguments: keys)
    func aBadValueNamesTheVariableOrTheOption(key: String) async throws {
        let setting = try #require(SettingDeclarations.all.first { $0.key == key })
        let sample = try #require(Self.samples[key])
        try await withSandbox { sandbox in
            if let variable = setting.environmentVariable {
                let error = try #require(configError { try sandbox.loader([variable: sample.bad]).load() })
                #expect(error.source == .environment(variable))
                #expect(error.description.contains("environment variable \(variable)"))
                #expect(error.kind == .wrongType)
            }
            if let flag = setting.flag {
                let error = try #require(configError { try sandbox.loader().load(flags: ConfigFlags(settings: [flag: sample.bad])) })
                #expect(error.source == .flag(flag))
                #expect(error.description.contains("option \(flag)"))
            }
            let (text, line) = Self.yaml(setting, "'\(sample.bad)'")
            let path = try sandbox.writeConfig(text)
            let error = try #require(configError { try sandbox.loader().load() })
            #expect(error.source == .file(path: path, line: line))
            #expect(error.description.contains(Self.slot(setting).key))
        }
    }

    @Test func councilConfigListsEverySettingWithItsSource() async throws {
        try await withSandbox { sandbox in
            // Each setting from the highest layer it has: flag, else variable, else file.
            var sections: [String: String] = [:], environment: [String: String] = [:], flags = ConfigFlags()
            for setting in SettingDeclarations.all {
                let sample = try #require(Self.samples[setting.key])
                if let flag = setting.flag { flags.settings[flag] = sample.flag!.text }
                else if let variable = setting.environmentVariable { environment[variable] = sample.env!.text }
                else {
                    // Settings without an option are in sections (`breaker.window`): one mapping each.
                    let parts = setting.key.split(separator: ".").map(String.init)
                    sections[parts[0], default: ""] += "  \(parts[parts.count - 1]): \(sample.file.text)\n"
                }
            }
            try sandbox.writeConfig(sections.map { "\($0.key):\n\($0.value)" }.joined())
            let text = ConfigRenderer.render(try sandbox.loader(environment).load(flags: flags))
            let lines = text.split(separator: "\n").map(String.init)
            for setting in SettingDeclarations.all {
                for slot in setting.slots {
                    let line = try #require(lines.first { $0.hasPrefix(slot.key + " ") }, "council config misses \(slot.key)")
                    if let flag = setting.flag {
                        #expect(line.hasSuffix("flag:\(flag)"), "\(line)")
                    } else {
                        #expect(line.contains("file:"), "\(line)")
                    }
                }
            }
        }
    }

    /// `council replay S --tier High` used `Tier(rawValue:)` and ignored the tier: now the tier is a
    /// setting like any other, taken from the command line by the declarations and parsed by `TierChoice`.
    @Test func theReplayCommandsTierIsParsedLikeEveryTier() async throws {
        let split = SettingFlags(splitting: ["replay", "S", "--tier", "High", "--min=2"])
        #expect(split.remaining == ["replay", "S"])
        #expect(split.settings == ["--tier": "High", "--min-responses": "2"])
        #expect(split.error == nil)
        #expect(SettingFlags(splitting: ["ask", "--", "--tier", "x"]).remaining == ["ask", "--", "--tier", "x"])
        #expect(SettingFlags(splitting: ["replay", "S", "--tier"]).error?.contains("--tier") == true)
        try await withSandbox { sandbox in
            let config = try sandbox.loader().load(flags: ConfigFlags(settings: split.settings)).config
            #expect(config.defaultTier == .fixed(.high))
            let state = SessionState(config: config, saved: SessionSettings(tier: .fixed(.quick)))
            #expect(state.tier == .fixed(.high))
            #expect(state.saved.choices?["default_tier"] == "quick", "the replayed session's own tier stays")
            for text in ["auto", "AUTO", " balanced "] {
                let choice = try sandbox.loader().load(flags: ConfigFlags(settings: ["--tier": text])).config.defaultTier
                #expect(choice == TierChoice(parsing: text))
            }
        }
    }

    /// `auto` is a tier choice like the others in the file and the environment, not a flag-only word.
    @Test func autoIsATierChoiceInTheFileAndTheEnvironment() async throws {
        try await withSandbox { sandbox in
            // A min_responses above the smallest tier is fine: auto is like /tier, the engine clamps.
            try sandbox.writeConfig("default_tier: Auto\nmin_responses: 4")
            let fromFile = try sandbox.loader().load().config
            #expect(fromFile.defaultTier == .auto)
            #expect(SessionState(config: fromFile).tier == .auto)
            let fromEnvironment = try sandbox.loader(["COUNCIL_TIER": "auto"]).load().config
            #expect(fromEnvironment.defaultTier == .auto)
            #expect(fromEnvironment.source(of: "default_tier") == .environment("COUNCIL_TIER"))
        }
    }

    @Test func aChoiceMadeAtThePromptBeatsTheFlagAndIsSaved() async throws {
        try await withSandbox { sandbox in
            let config = try sandbox.loader(["COUNCIL_MODE": "answers"]).load().config
            var state = SessionState(config: config, saved: SessionSettings(mode: .synth))
            #expect(state.mode == .answers)
            #expect(state.saved.choices?["mode"] == "synth")
            state.choose(SettingDeclarations.mode, .full)
            #expect(state.saved.choices?["mode"] == "full")
        }
    }
}
