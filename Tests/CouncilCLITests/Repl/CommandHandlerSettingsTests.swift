import CouncilCore
import Testing
@testable import CouncilCLI

/// Commands that change the session's settings: each changes the state, asks for it to be saved and
/// confirms in one line; a bad argument changes nothing and saves nothing.
@Suite struct CommandHandlerSettingsTests {
    typealias F = HandlerFixture

    @Test func tierSwitchesThePoolAndIsSaved() {
        let reaction = F.run("/tier quick")
        #expect(reaction.state.settings.tier == .fixed(.quick))
        #expect(F.council(reaction.state) == ["alpha", "bravo"])
        #expect(reaction.effects == [.saveSettings])
        #expect(reaction.statusText == "tier: quick — 2 models: alpha, bravo")
    }

    @Test func tierSwitchClearsModelToggles() {
        let reaction = F.run("/disable alpha", "/tier reasoning")
        #expect(reaction.state.settings.disabled.isEmpty)
        #expect(F.council(reaction.state) == ["bravo", "charlie", "delta"])
        #expect(reaction.statusText.hasSuffix("(model toggles cleared)"))
    }

    @Test func tierWarnsAboutModelsThatCannotBeCalledAndRefusesATierOfNone() {
        let context = CommandContext(config: F.config, knownModels: F.context.knownModels,
                                     unreachable: ["alpha": "no key: set A_KEY", "bravo": "no key: set A_KEY",
                                                   "charlie": "provider 'p' is not configured"])
        let handler = CommandHandler(context: context)
        let partly = handler.handle(line: "/tier reasoning", F.state())
        #expect(partly.state.settings.tier == .fixed(.reasoning))
        #expect(partly.statusText == """
            tier: reasoning — 1 model: delta
            ⚠ left out, cannot be called: bravo (no key: set A_KEY); charlie (provider 'p' is not configured)
            """)
        let none = handler.handle(line: "/tier quick", F.state())
        #expect(none.state == F.state() && none.effects.isEmpty)
        #expect(none.errorText == "no model of tier quick can be called: alpha, bravo (no key: set A_KEY) — the tier stays balanced")
    }

    @Test func tierAutoAndTierAloneShowsTheCurrentOne() {
        let auto = F.run("/tier auto")
        #expect(auto.state.settings.tier == .auto)
        #expect(auto.statusText.hasPrefix("tier: auto"))
        let alone = F.run("/tier", from: auto.state)
        #expect(alone.effects.isEmpty && alone.state == auto.state)
        #expect(alone.statusText == "/tier: auto — choose one of quick, balanced, high, reasoning, auto")
    }

    @Test func aSettingCommandTypedAloneShowsTheValueInForce() {
        #expect(F.run("/mode").statusText == "/mode: full — choose one of full, synth, answers")
        #expect(F.run("/review").statusText == "/review: on — choose on or off")
        #expect(F.run("/chairman").statusText == "/chairman: alpha (configured) — usage: /chairman ID")
        #expect(F.run("/min").statusText == "/min: 2 (configured) — usage: /min N")
        #expect(F.run("/timeout").statusText == "/timeout: 30 s (the tier's) — usage: /timeout SECONDS|auto")
        #expect(F.run("/tier quick", "/timeout").statusText == "/timeout: 10 s (the tier's) — usage: /timeout SECONDS|auto")
        let chosen = F.run("/chairman delta", "/min 3", "/timeout 4.5")
        #expect(F.run("/chairman", from: chosen.state).statusText == "/chairman: delta — usage: /chairman ID")
        #expect(F.run("/min", from: chosen.state).statusText == "/min: 3 — usage: /min N")
        #expect(F.run("/timeout", from: chosen.state).statusText == "/timeout: 4.5 s — usage: /timeout SECONDS|auto")
        for line in ["/mode", "/review", "/chairman", "/min", "/timeout", "/tier"] {
            #expect(F.run(line).effects.isEmpty && F.run(line).state == F.state(), "\(line) changed something")
        }
    }

    @Test func enableAddsAModelBeyondThePool() {
        let reaction = F.run("/enable delta")
        #expect(reaction.state.settings.added == ["delta"])
        #expect(F.council(reaction.state) == ["alpha", "bravo", "charlie", "delta"])
        #expect(reaction.effects == [.saveSettings])
        #expect(reaction.statusText == "enabled: delta — council: alpha, bravo, charlie, delta")
    }

    @Test func enableRefusesUnknownAndUnreachableModels() {
        let start = F.state()
        let unknown = F.run("/enable charly", from: start)
        #expect(unknown.state == start && unknown.effects.isEmpty)
        #expect(unknown.errorText == "unknown model 'charly' — did you mean charlie? (/models lists them)")
        let offline = F.run("/enable cloud/offline", from: start)
        #expect(offline.state == start && offline.effects.isEmpty)
        #expect(offline.errorText == "cloud/offline cannot be called: provider 'cloud' has no API key: set CLOUD_TEST_KEY")
    }

    @Test func disableLeavesAModelOutAndEnableBringsItBack() {
        let disabled = F.run("/disable bravo")
        #expect(F.council(disabled.state) == ["alpha", "charlie"])
        #expect(disabled.effects == [.saveSettings])
        #expect(disabled.statusText == "disabled: bravo — council: alpha, charlie")
        let back = F.run("/enable bravo", from: disabled.state)
        #expect(F.council(back.state) == ["alpha", "bravo", "charlie"])
        // An unreachable model may be disabled (it only leaves the council).
        #expect(F.run("/disable cloud/offline").errorText.isEmpty)
    }

    @Test func toggleFlipsOneModel() {
        let off = F.run("/toggle charlie")
        #expect(F.council(off.state) == ["alpha", "bravo"])
        let on = F.run("/toggle charlie", from: off.state)
        #expect(F.council(on.state) == ["alpha", "bravo", "charlie"])
        #expect(F.run("/toggle nobody").errorText.hasPrefix("unknown model 'nobody'"))
    }

    @Test func onlyKeepsJustTheNamedModels() {
        let reaction = F.run("/only delta alpha")
        #expect(Set(F.council(reaction.state)) == ["alpha", "delta"])
        #expect(reaction.effects == [.saveSettings])
        #expect(reaction.statusText == "only: delta, alpha")
        #expect(F.run("/only cloud/offline").effects.isEmpty)
    }

    @Test func chairmanIsChosenAndSaved() {
        let reaction = F.run("/chairman delta")
        #expect(reaction.state.settings.choice(SettingDeclarations.chairman) == "delta")
        #expect(reaction.state.settings.saved.choices?["chairman"] == "delta")
        #expect(reaction.effects == [.saveSettings])
        #expect(reaction.statusText == "chairman: delta")
        #expect(F.run("/chairman cloud/offline").errorText.contains("cannot be called"))
    }

    @Test func minResponsesSaysWhatItMeansForThisCouncil() {
        let two = F.run("/min 2")
        #expect(two.state.settings.choice(SettingDeclarations.minResponses) == 2)
        #expect(two.statusText == "min responses: 2 — the council moves on once 2 answers are in")
        let five = F.run("/min 5")
        #expect(five.statusText == "min responses: 5 (the council has 3; it waits for all)")
        #expect(five.effects == [.saveSettings])
        #expect(F.run("/min 0").errorText == "/min needs a whole number of at least 1, got '0'")
    }

    @Test func timeoutIsOneDurationAndWarnsAboveTheBudget() {
        let reaction = F.run("/timeout 2.5")
        #expect(reaction.state.settings.choice(SettingDeclarations.timeout) == .seconds(.milliseconds(2500)))
        #expect(reaction.state.settings.saved.choices?["timeout"] == "2.5")
        #expect(reaction.statusText == "per-model timeout: 2.5 s")
        let long = F.run("/timeout 120")
        #expect(long.statusText == "per-model timeout: 120 s — at or above the tier's 90 s budget, which ends the turn first")
    }

    /// `/hedge` is the session's, saved and read back, and beats every model's own in the plan.
    @Test func hedgeIsTheSessionsAndEveryModelsAndIsSaved() throws {
        let reaction = F.run("/hedge 1.5")
        #expect(reaction.state.settings.choice(SettingDeclarations.hedgeAfter) == .seconds(.milliseconds(1500)))
        #expect(reaction.effects == [.saveSettings])
        #expect(reaction.statusText == "hedging: a model with no first token after 1.5 s gets its request sent once more")
        #expect(F.run("/hedge", from: reaction.state).statusText == "/hedge: 1.5 s — usage: /hedge off|SECONDS|auto")
        #expect(F.run("/hedge").statusText == "/hedge: off (configured; tiers and models may have their own) — usage: /hedge off|SECONDS|auto")
        #expect(F.run("/hedge AUTO").state.settings.choice(SettingDeclarations.hedgeAfter) == .auto)
        #expect(F.run("/hedge soon").errorText == "/hedge needs off, a number of seconds from 0.1 to 86400, or auto, got 'soon'")

        let saved = reaction.state.settings.saved
        #expect(saved.choices?["hedge_after"] == "1.5")
        #expect(F.run("/hedge auto").state.settings.saved.choices?["hedge_after"] == "auto")
        let reopened = SessionState(config: F.config, saved: saved)
        #expect(reopened.choice(SettingDeclarations.hedgeAfter) == .seconds(.milliseconds(1500)))
        let request = reopened.request(question: "q", history: [], tier: .balanced)
        #expect(request.settings(.generation, "alpha").hedgeAfter == .milliseconds(1500))
        #expect(request.settings(.review, "charlie").hedgeAfter == .milliseconds(1500))
        let off = F.run("/hedge 1.5", "/hedge off").state.settings
        #expect(off.request(question: "q", history: [], tier: .balanced).settings(.generation, "alpha").hedgeAfter == nil)
    }

    @Test func reviewAndModeSetTheMode() {
        let off = F.run("/review off")
        #expect(off.state.settings.mode == .synth)
        #expect(off.statusText == "peer review: off (mode synth)")
        #expect(F.run("/review on", from: off.state).state.settings.mode == .full)
        let answers = F.run("/mode answers")
        #expect(answers.state.settings.mode == .answers)
        #expect(answers.state.settings.saved.choices?["mode"] == "answers")
        #expect(answers.effects == [.saveSettings])
    }

    @Test func rawSwitchesMarkdownRenderingForThisRunOnly() {
        let on = F.run("/raw")
        #expect(on.state.rawOutput)
        #expect(on.effects.isEmpty, "a display choice, not saved with the session")
        #expect(on.statusText == "raw: on — answers are printed as the model wrote them")
        #expect(!F.run("/raw", from: on.state).state.rawOutput)
        #expect(F.run("/raw on", from: on.state).state.rawOutput)
        #expect(!F.run("/raw off").state.rawOutput)
        #expect(F.run("/raw maybe").errorText == "unknown setting 'maybe' — valid: on, off")
    }

    @Test func clearEmptiesTheContextFromTheNextTurnOn() {
        let reaction = F.run("/clear", from: F.state(lastTurn: 4))
        #expect(reaction.state.history.isEmpty)
        #expect(reaction.state.settings.contextFromTurn == 5)
        #expect(reaction.state.settings.saved.contextFromTurn == 5)
        #expect(reaction.effects == [.saveSettings])
        #expect(F.run("/clear").state.settings.contextFromTurn == 1)
    }
}
