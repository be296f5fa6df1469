import CouncilCore
import CouncilStore
import Foundation
import Testing
@testable import CouncilCLI

/// Every session setting chosen at the prompt is what `/config` and `/models` say is in force, with
/// `session` as its source, and what a reopened session has again.
@Suite(.timeLimit(.minutes(2))) struct SessionConfigTests {
    /// A value for each session setting's command, and how `/config` shows it. A new session setting
    /// without a sample fails `everySessionSettingHasASample`.
    static let samples: [String: (typed: String, shown: String)] = [
        "default_tier": ("quick", "quick"),
        "chairman": ("bravo", "bravo"),
        "min_responses": ("2", "2"),
        "timeout": ("7", "7 s"),
        "hedge_after": ("2.5", "2.5 s"),
        "system_prompt": ("Answer in French.", "\"Answer in French.\""),
        "mode": ("answers", "answers"),
        "debate": ("auto", "auto"),
    ]

    @Test func everySessionSettingHasASample() {
        #expect(Set(SettingDeclarations.sessionScoped.map(\.key)) == Set(Self.samples.keys))
    }

    @Test func configShowsEverySessionChoiceWithItsSource() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        var state = try await h.state(of: try await h.runtime.store.createSession(named: "chosen").name)
        await h.type("/config", &state)
        let before = h.take()
        for setting in SettingDeclarations.sessionScoped {
            let command = try #require(setting.slashCommand)
            await h.type("/\(command.name) \(Self.samples[setting.key]!.typed)", &state)
        }
        #expect(!h.take().contains("error"))
        await h.type("/config", &state)
        let after = h.take().split(separator: "\n")
        for setting in SettingDeclarations.sessionScoped {
            let shown = Self.samples[setting.key]!.shown
            for slot in setting.slots {
                let row = try #require(after.first { $0.hasPrefix(slot.key + " ") }, "/config misses \(slot.key)")
                #expect(row.contains(" \(shown) ") && row.hasSuffix(" session"), "\(row)")
                #expect(!before.contains(row), "\(slot.key) was already shown so before the choice")
            }
        }
        await h.type("/models", &state)
        #expect(h.take().contains("tier quick · chairman bravo · mode answers"))

        // Reopened from the store, the session has every choice again.
        let reopened = try await h.state(of: "chosen")
        #expect(reopened.settings.choices == state.settings.choices)
        #expect(reopened.settings.config.sources.filter { $0.value == .session }.count
                == state.settings.config.sources.filter { $0.value == .session }.count)
    }

    /// Sessions stored before `choices` existed keep what they chose.
    @Test func aSessionStoredByAnOlderVersionOpensWithItsChoices() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        var older = SessionSettings(tier: .fixed(.quick), chairman: "bravo", mode: .synth, minResponses: 2)
        older.timeoutAuto = true
        older.hedgeAfter = "1.5"
        older.systemPrompt = ""
        let record = try await h.runtime.store.createSession(named: "old", settings: older)
        let settings = try await h.state(of: record.name).settings
        #expect(settings.tier == .fixed(.quick) && settings.config.chairman == "bravo" && settings.mode == .synth)
        #expect(settings.config.minResponses == 2 && settings.config.systemPrompt == "")
        #expect(settings.choice(SettingDeclarations.timeout) == .auto && settings.choice(SettingDeclarations.hedgeAfter) == .seconds(.milliseconds(1500)))
        #expect(settings.saved.choices?.count == 7 && settings.saved.tier == nil, "saved again in the one form")
    }
}

/// `council config --session NAME`: a script sees what the session runs with.
@Suite(.timeLimit(.minutes(1))) struct SessionConfigCommandEndToEndTests {
    @Test func councilConfigShowsAStoredSessionsChoices() async throws {
        let server = try await CouncilBinary.council()
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        _ = try await CouncilBinary.run(["--session", "s"], environment: environment, stdin: "/chairman bravo\n/hedge 2.5\n")

        let run = try await CouncilBinary.run(["config", "--session", "s"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("chairman ") && $0.contains(" bravo ") && $0.hasSuffix(" session") }, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("hedge_after ") && $0.contains(" 2.5 s ") && $0.hasSuffix(" session") })
        let plain = try await CouncilBinary.run(["config"], environment: environment)
        #expect(plain.stdout.split(separator: "\n").contains { $0.hasPrefix("chairman ") && $0.contains(" alpha ") })

        let missing = try await CouncilBinary.run(["config", "--session", "z"], environment: environment)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no session 'z'"), "\(missing.stderr)")
        await server.stop()
    }
}
