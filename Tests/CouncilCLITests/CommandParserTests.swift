import CouncilCore
import Testing
@testable import CouncilCLI

@Suite struct CommandParserTests {
    static let valid: [(String, Command)] = [
        ("/tier quick", .tier(.fixed(.quick))),
        ("/tier balanced", .tier(.fixed(.balanced))),
        ("/tier high", .tier(.fixed(.high))),
        ("/tier reasoning", .tier(.fixed(.reasoning))),
        ("/tier auto", .tier(.auto)),
        ("/TIER Balanced", .tier(.fixed(.balanced))),
        ("  /tier high ", .tier(.fixed(.high))),
        ("/models", .models),
        ("/enable openai/gpt-4o", .enable(["openai/gpt-4o"])),
        ("/enable a/b  c:free", .enable(["a/b", "c:free"])),
        ("/disable x/y", .disable(["x/y"])),
        ("/disable a b c", .disable(["a", "b", "c"])),
        ("/toggle x/y", .toggle("x/y")),
        ("/only a b", .only(["a", "b"])),
        ("/only a", .only(["a"])),
        ("/chairman anthropic/claude", .chairman("anthropic/claude")),
        ("/min 3", .minResponses(3)),
        ("/timeout 30", .timeout(.seconds(.seconds(30)))),
        ("/timeout 2.5", .timeout(.seconds(.milliseconds(2500)))),
        ("/timeout AUTO", .timeout(.auto)),
        ("/review on", .review(true)),
        ("/review OFF", .review(false)),
        ("/mode full", .mode(.full)),
        ("/mode synth", .mode(.synth)),
        ("/mode answers", .mode(.answers)),
        ("/breakers", .breakers),
        ("/breakers reset", .resetBreakers(model: nil)),
        ("/breakers reset a/b", .resetBreakers(model: "a/b")),
        ("/clear", .clear),
        ("/config", .config),
        ("/help", .help(topic: nil)),
        ("/help tier", .help(topic: .tier)),
        ("/help /min", .help(topic: .min)),
        ("/help quit", .help(topic: .exit)),
        ("/exit", .exit),
        ("/quit", .exit),
        ("/session", .session(.show)),
        ("/session new", .session(.new(name: nil))),
        ("/session new my idea", .session(.new(name: "my idea"))),
        ("/session open work", .session(.open(name: "work"))),
        ("/session rename rust  questions", .session(.rename(name: "rust  questions"))),
        ("/session delete old", .session(.delete(name: "old"))),
        ("/sessions", .sessions),
        ("/history", .history),
        ("/show 3", .show(turn: 3)),
        ("/show", .show(turn: nil)),
        ("/copy", .copy(turn: nil, model: nil)),
        ("/copy 3", .copy(turn: 3, model: nil)),
        ("/copy alpha", .copy(turn: nil, model: "alpha")),
        ("/copy 3 alpha", .copy(turn: 3, model: "alpha")),
        ("/show 4 openai/gpt-4o", .show(turn: 4, model: "openai/gpt-4o")),
        ("/replay", .replay(turn: nil)),
        ("/tier", .showSetting(.tier)),
        ("/chairman", .showSetting(.chairman)),
        ("/min  ", .showSetting(.min)),
        ("/timeout", .showSetting(.timeout)),
        ("/review", .showSetting(.review)),
        ("/mode", .showSetting(.mode)),
        ("/replay 12", .replay(turn: 12)),
        ("/retry", .retry),
        ("/export md", .export(format: .md, file: nil)),
        ("/export json out/my session.json", .export(format: .json, file: "out/my session.json")),
        ("/stats", .stats),
        ("/edit", .edit),
    ]

    @Test(arguments: valid)
    func parsesValidCommand(line: String, expected: Command) {
        #expect(CommandParser.parse(line) == .success(expected))
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
        switch CommandParser.parse(line) {
        case .success(let command): Issue.record("\(line) parsed as \(command)")
        case .failure(let error): #expect(error.message == message)
        }
    }

    @Test func unknownCommandCarriesSuggestion() {
        #expect(CommandParser.parse("/tire") == .failure(.unknownCommand("tire", suggestion: "tier")))
        #expect(CommandParser.parse("/xyzzy") == .failure(.unknownCommand("xyzzy", suggestion: nil)))
    }

    @Test(arguments: CommandCatalog.allNames)
    func everyCatalogNameIsKnownToTheParser(name: String) {
        if case .failure(.unknownCommand) = CommandParser.parse("/" + name) {
            Issue.record("/\(name) is in the catalog but the parser does not know it")
        }
    }

    @Test func recognisesCommandLines() {
        #expect(CommandParser.isCommand("/tier"))
        #expect(CommandParser.isCommand("  /tier"))
        #expect(!CommandParser.isCommand("what is /tier?"))
        #expect(!CommandParser.isCommand(""))
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
