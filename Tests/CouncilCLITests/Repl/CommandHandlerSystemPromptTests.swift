import CouncilCore
import CouncilStore
import Testing
@testable import CouncilCLI

/// `/system TEXT`, `/system off` and `/system` alone.
@Suite struct CommandHandlerSystemPromptTests {
    @Test func settingAPromptStoresItWithTheSession() {
        let reaction = HandlerFixture.run("/system  Answer in French, briefly. ")
        #expect(reaction.state.settings.choice(SettingDeclarations.systemPrompt) == "Answer in French, briefly.")
        #expect(reaction.state.settings.saved.choices?["system_prompt"] == "Answer in French, briefly.")
        #expect(reaction.effects == [.saveSettings])
        #expect(reaction.statusText == "system prompt for every model: \"Answer in French, briefly.\"")
    }

    @Test func offMeansNoneWhateverTheFileSays() {
        let reaction = HandlerFixture.run("/system Be brief.", "/system OFF")
        #expect(reaction.state.settings.choice(SettingDeclarations.systemPrompt) == "")
        #expect(reaction.statusText.hasPrefix("system prompt: off"))
        let request = reaction.state.settings.request(question: "q", history: [], tier: .balanced)
        #expect(request.systemPrompt == nil)
    }

    @Test func aloneItShowsThePromptInForce() {
        #expect(HandlerFixture.run("/system").statusText == "/system: off (configured) — usage: /system [TEXT|off]")
        #expect(HandlerFixture.run("/system Be brief.", "/system").statusText.hasPrefix("/system: \"Be brief.\" —"))
    }

    @Test func typedAfterAVariableSetOneItBecomesTheSessionsOwn() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.writeConfig(HandlerFixture.yaml)
        let config = try sandbox.loader(["COUNCIL_SYSTEM_PROMPT": "From env."]).load().config
        var start = HandlerFixture.state()
        start.settings = SessionState(config: config, saved: SessionSettings(systemPrompt: "Saved."))
        #expect(start.settings.saved.choices?["system_prompt"] == "Saved.", "the variable's prompt is for this run only")
        let reaction = HandlerFixture.handler.handle(line: "/system Typed.", start)
        #expect(reaction.state.settings.saved.choices?["system_prompt"] == "Typed.")
    }

    @Test func theTurnUsesIt() {
        let state = HandlerFixture.run("/system Be brief.").state
        let request = state.settings.request(question: "q", history: [], tier: .balanced)
        #expect(request.settings(.generation, "bravo").systemPrompt == "Be brief.")
        #expect(request.settings(.synthesis, "alpha").systemPrompt == "Be brief.")
    }
}
