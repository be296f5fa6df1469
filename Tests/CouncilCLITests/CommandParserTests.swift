import CouncilCore
import Testing
@testable import CouncilCLI

/// Command lines as typed, read by each command's declaration: what a valid line does, and the one
/// line a wrong one gets. Run through the handler on `HandlerFixture`'s models (alpha … delta).
@Suite struct CommandParserTests {
    typealias F = HandlerFixture

    /// Lines that set the session: the setting each leaves in force.
    static let settings: [(String, @Sendable (SessionState) -> Bool)] = [
        ("/tier quick", { $0.tier == .fixed(.quick) }),
        ("/tier balanced", { $0.tier == .fixed(.balanced) }),
        ("/tier high", { $0.tier == .fixed(.high) }),
        ("/tier reasoning", { $0.tier == .fixed(.reasoning) }),
        ("/tier auto", { $0.tier == .auto }),
        ("/TIER Balanced", { $0.tier == .fixed(.balanced) }),
        ("  /tier high ", { $0.tier == .fixed(.high) }),
        ("/enable delta", { $0.added == ["delta"] }),
        ("/enable delta  alpha", { $0.added == ["delta"] && $0.disabled.isEmpty }),
        ("/disable bravo", { $0.disabled == ["bravo"] }),
        ("/disable alpha bravo charlie", { $0.disabled == ["alpha", "bravo", "charlie"] }),
        ("/toggle bravo", { $0.disabled == ["bravo"] }),
        ("/only delta alpha", { $0.added == ["delta", "alpha"] }),
        ("/only alpha", { $0.added == ["alpha"] }),
        ("/chairman delta", { $0.config.chairman == "delta" }),
        ("/min 3", { $0.config.minResponses == 3 }),
        ("/timeout 30", { $0.choice(SettingDeclarations.timeout) == .seconds(.seconds(30)) }),
        ("/timeout 2.5", { $0.choice(SettingDeclarations.timeout) == .seconds(.milliseconds(2500)) }),
        ("/timeout AUTO", { $0.choice(SettingDeclarations.timeout) == .auto }),
        ("/review on", { $0.mode == .full }),
        ("/review OFF", { $0.mode == .synth }),
        ("/mode full", { $0.mode == .full }),
        ("/mode synth", { $0.mode == .synth }),
        ("/mode answers", { $0.mode == .answers }),
        ("/system Answer  in French.", { $0.config.systemPrompt == "Answer  in French." }),
        ("/clear", { $0.contextFromTurn == 1 }),
    ]

    @Test(arguments: settings)
    func setsTheSession(line: String, holds: @Sendable (SessionState) -> Bool) {
        let reaction = F.run(line)
        #expect(reaction.errorText.isEmpty, "\(line): \(reaction.errorText)")
        #expect(holds(reaction.state.settings), "\(line)")
        #expect(reaction.effects == [.saveSettings], "\(line)")
    }

    /// How words are read: case, spaces kept inside names and paths, numbers and ids in either order
    /// (every command's own effect is in `CommandHandlerEffectTests`).
    static let effects: [(String, CommandEffect)] = [
        ("/QUIT", .exit),
        ("/breakers RESET alpha", .resetBreakers("alpha")),
        ("/session new my idea", .newSession(name: "my idea")),
        ("/session Rename rust  questions", .renameSession(to: "rust  questions")),
        ("/show 4 alpha", .showTurn(4, model: "alpha")),
        ("/copy 3", .copy(turn: 3, model: nil)),
        ("/copy alpha", .copy(turn: nil, model: "alpha")),
        ("/replay 12", .replay(turn: 12)),
        ("/export JSON out/my session.json", .export(.json, file: "out/my session.json")),
    ]

    @Test(arguments: effects)
    func asksForItsEffect(line: String, effect: CommandEffect) {
        let reaction = F.run(line, from: F.state(lastTurn: 4))
        #expect(reaction.errorText.isEmpty, "\(line): \(reaction.errorText)")
        #expect(reaction.effects == [effect], "\(line)")
    }

    /// A setting command typed alone shows the setting, and `/help` explains a command by any name.
    @Test(arguments: ["/tier", "/chairman", "/min  ", "/timeout", "/hedge", "/system", "/review", "/mode"])
    func aSettingAloneIsShown(line: String) {
        let reaction = F.run(line)
        #expect(reaction.effects.isEmpty && reaction.errorText.isEmpty, "\(line)")
        #expect(reaction.statusText.hasPrefix(line.trimmingCharacters(in: .whitespaces) + ": "), "\(reaction.statusText)")
    }

    @Test func helpTakesANameWithOrWithoutSlashOrAnAlias() {
        #expect(F.run("/help").outputText == CommandCatalog.overview(width: F.context.width))
        #expect(F.run("/help tier").outputText == CommandCatalog.help(for: "tier")!.fullText)
        #expect(F.run("/help /min").outputText == CommandCatalog.help(for: "min")!.fullText)
        #expect(F.run("/help quit").outputText == CommandCatalog.help(for: "exit")!.fullText)
    }

    static let invalid: [(String, String)] = [
        ("/", "type a command after / — /help lists them"),
        ("/tire", "unknown command /tire — did you mean /tier?"),
        ("/modles", "unknown command /modles — did you mean /models?"),
        ("/sess", "unknown command /sess — did you mean /session?"),
        ("/xyzzy", "unknown command /xyzzy — /help lists the commands (to ask something that starts with /, type it as //xyzzy…)"),
        ("/tier fast", "unknown tier 'fast' — valid: quick, balanced, high, reasoning, auto"),
        ("/tier high extra", "/tier takes different arguments — usage: /tier NAME|auto"),
        ("/models all", "/models takes different arguments — usage: /models"),
        ("/enable", "/enable is missing an argument — usage: /enable ID…"),
        ("/disable  ", "/disable is missing an argument — usage: /disable ID…"),
        ("/toggle", "/toggle is missing an argument — usage: /toggle ID"),
        ("/toggle a b", "/toggle takes different arguments — usage: /toggle ID"),
        ("/only", "/only is missing an argument — usage: /only ID…"),
        ("/chairman a b", "/chairman takes different arguments — usage: /chairman ID"),
        ("/min 0", "/min needs a whole number of at least 1, got '0'"),
        ("/min -2", "/min needs a whole number of at least 1, got '-2'"),
        ("/min 1.5", "/min needs a whole number of at least 1, got '1.5'"),
        ("/min three", "/min needs a whole number of at least 1, got 'three'"),
        ("/min 2 3", "/min takes different arguments — usage: /min N"),
        ("/timeout 0", "/timeout needs a number of seconds from 0.1 to 86400, or auto, got '0'"),
        ("/timeout -5", "/timeout needs a number of seconds from 0.1 to 86400, or auto, got '-5'"),
        ("/timeout soon", "/timeout needs a number of seconds from 0.1 to 86400, or auto, got 'soon'"),
        ("/timeout inf", "/timeout needs a number of seconds from 0.1 to 86400, or auto, got 'inf'"),
        ("/timeout nan", "/timeout needs a number of seconds from 0.1 to 86400, or auto, got 'nan'"),
        ("/timeout aut", "/timeout needs a number of seconds from 0.1 to 86400, or auto, got 'aut' — did you mean auto?"),
        ("/hedge of", "/hedge needs off, a number of seconds from 0.1 to 86400, or auto, got 'of' — did you mean off?"),
        ("/timeout 5 6", "/timeout takes different arguments — usage: /timeout SECONDS|auto"),
        ("/review maybe", "unknown review setting 'maybe' — valid: on, off"),
        ("/mode brief", "unknown mode 'brief' — valid: full, synth, answers"),
        ("/breakers clear", "unknown /breakers action 'clear' — valid: reset"),
        ("/breakers reset a b", "/breakers takes different arguments — usage: /breakers [reset [ID]]"),
        ("/clear all", "/clear takes different arguments — usage: /clear"),
        ("/config show", "/config takes different arguments — usage: /config"),
        ("/help tire", "no help for 'tire' — it is not a command — did you mean /help tier?"),
        ("/help /zzzzzz", "no help for 'zzzzzz' — it is not a command — /help lists the commands"),
        ("/help tier min", "/help takes different arguments — usage: /help [COMMAND]"),
        ("/exit now", "/exit takes different arguments — usage: /exit"),
        ("/quit now", "/exit takes different arguments — usage: /exit"),
        ("/session fly", "unknown session action 'fly' — valid: new, open, rename, delete"),
        ("/session open", "/session is missing an argument — usage: /session open NAME"),
        ("/session rename", "/session is missing an argument — usage: /session rename NAME"),
        ("/session delete", "/session is missing an argument — usage: /session delete NAME"),
        ("/sessions all", "/sessions takes different arguments — usage: /sessions"),
        ("/history 3", "/history takes different arguments — usage: /history"),
        ("/show 0", "/show needs a positive whole number"),
        ("/show 2 a b", "/show takes different arguments — usage: /show [N [MODEL]]"),
        ("/replay last", "/replay needs a positive whole number"),
        ("/retry 2", "/retry takes different arguments — usage: /retry"),
        ("/export", "/export needs an export format — valid: md, json"),
        ("/export pdf", "unknown export format 'pdf' — valid: md, json"),
        ("/stats now", "/stats takes different arguments — usage: /stats"),
        ("/edit prompt", "/edit takes different arguments — usage: /edit"),
    ]

    @Test(arguments: invalid)
    func rejectsWithMessage(line: String, message: String) {
        let reaction = F.run(line, from: F.state(lastTurn: 4))
        #expect(reaction.errorText == message, "\(line)")
        #expect(reaction.effects.isEmpty && reaction.state == F.state(lastTurn: 4), "\(line) changed something")
    }

    @Test func unknownCommandCarriesSuggestion() throws {
        var typo = CommandWords("/tire")
        #expect(throws: CommandError.unknownCommand("tire", suggestion: "tier")) { try CommandHandler.find(&typo) }
        var nonsense = CommandWords("/xyzzy")
        #expect(throws: CommandError.unknownCommand("xyzzy", suggestion: nil)) { try CommandHandler.find(&nonsense) }
    }

    @Test(arguments: CommandCatalog.allNames)
    func everyCatalogNameIsKnownToTheParser(name: String) throws {
        var words = CommandWords("/" + name)
        #expect(try CommandHandler.find(&words).names.contains(name))
    }

    @Test func recognisesCommandLines() {
        #expect(CommandWords.isCommand("/tier"))
        #expect(CommandWords.isCommand("  /tier"))
        #expect(!CommandWords.isCommand("what is /tier?"))
        #expect(!CommandWords.isCommand(""))
    }

    @Test func nearestFindsPlausibleTypos() {
        let models = ["openai/gpt-4o", "anthropic/claude-sonnet-4", "google/gemini-2.5-pro"]
        #expect(WordSuggestion.nearest("gpt-4p", in: models) == "openai/gpt-4o")
        #expect(WordSuggestion.nearest("openai/gtp-4o", in: models) == "openai/gpt-4o")
        #expect(WordSuggestion.nearest("gemini", in: models) == "google/gemini-2.5-pro")
        #expect(WordSuggestion.nearest("llama", in: models) == nil)
        #expect(WordSuggestion.nearest("", in: models) == nil)
        #expect(WordSuggestion.nearest("tire", in: CommandCatalog.allNames) == "tier")
        #expect(WordSuggestion.nearest("exti", in: CommandCatalog.allNames) == "exit")
    }

    @Test func editDistanceCountsASwapAsOneEdit() {
        #expect(EditDistance.between("tire", "tier") == 1)
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.between("same", "same") == 0)
    }
}
