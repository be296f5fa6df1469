import CouncilCore
import Testing
@testable import CouncilCLI

/// Commands whose work is outside the handler (store, turns, screen): each asks for exactly its
/// effect and leaves the state alone; what the handler can check itself, it checks.
@Suite struct CommandHandlerEffectTests {
    typealias F = HandlerFixture

    @Test(arguments: [
        ("/models", CommandEffect.showModels),
        ("/stats", .showStats),
        ("/breakers", .showBreakers),
        ("/config", .showConfig),
        ("/exit", .exit),
        ("/quit", .exit),
        ("/session", .showSession),
        ("/session new", .newSession(name: nil)),
        ("/session new  late night ", .newSession(name: "late night")),
        ("/session open other", .openSession(name: "other")),
        ("/session rename renamed", .renameSession(to: "renamed")),
        ("/session delete other", .deleteSession(name: "other")),
        ("/sessions", .listSessions),
        ("/history", .showHistory),
        ("/show 2", .showTurn(2)),
        ("/show 2 bravo", .showTurn(2, model: "bravo")),
        ("/replay 3", .replay(turn: 3)),
        ("/export json out.json", .export(.json, file: "out.json")),
        ("/export md", .export(.md, file: nil)),
        ("/edit", .editPrompt),
        ("/file notes.md \"my diagram.png\" ~/x", .attachFiles(["notes.md", "my diagram.png", "~/x"])),
        ("/file !git diff --stat", .attachOutput(of: "git diff --stat")),
        ("/bias", .showBias(everySession: false)),
        ("/bias all", .showBias(everySession: true)),
    ])
    func commandAsksForItsEffect(line: String, effect: CommandEffect) {
        let start = F.state()
        let reaction = F.run(line, from: start)
        #expect(reaction.effects == [effect], "\(line)")
        #expect(reaction.state == start, "\(line) changed the state")
        #expect(reaction.errorText.isEmpty, "\(line): \(reaction.errorText)")
    }

    /// `/file` alone and `/file clear` need nothing outside the handler.
    @Test func fileListsAndClearsWhatIsAttached() {
        #expect(F.run("/file").statusText == "nothing attached — /file PATH… attaches files, /file !COMMAND a command's output")
        var start = F.state()
        start.attachments = [Attachment(name: "a.txt", content: .text(String(repeating: "x", count: 400)))]
        let listed = F.run("/file", from: start)
        #expect(listed.statusText == "attached to the next question (~112 tokens in all):\n  a.txt (400 B, ~112 tokens)")
        let cleared = F.run("/file CLEAR", from: start)
        #expect(cleared.state.attachments.isEmpty && cleared.effects.isEmpty)
        #expect(cleared.statusText == "dropped 1 attachment")
        #expect(F.run("/file \"unclosed").errorText == "/file needs paths with their quotes closed, got '\"unclosed'")
        #expect(F.run("/file !").errorText == "/file is missing an argument — usage: /file !COMMAND")
    }

    @Test func aQuestionIsAskedAsItIsTyped() {
        #expect(F.run("  What is 2+2? ").effects == [.ask("What is 2+2?")])
        #expect(F.run("   ").effects.isEmpty)
    }

    @Test func aDoubleSlashSendsALineThatStartsWithASlash() {
        #expect(F.run("//etc/hosts: what is this?").effects == [.ask("/etc/hosts: what is this?")])
        let typo = F.run("/etc/hosts: what is this?")
        #expect(typo.effects.isEmpty)
        #expect(typo.errorText.contains("type it as //etc/hosts:…"), "\(typo.errorText)")
    }

    @Test func copyTakesTheLastTurnUnlessTold() {
        #expect(F.run("/copy", from: F.state(lastTurn: 4)).effects == [.copy(turn: nil, model: nil)])
        #expect(F.run("/copy 2 bravo", from: F.state(lastTurn: 4)).effects == [.copy(turn: 2, model: "bravo")])
        #expect(F.run("/copy").errorText == "nothing to copy yet: this session has no turns")
    }

    @Test func showAndReplayAloneActOnTheLastTurn() {
        #expect(F.run("/show", from: F.state(lastTurn: 4)).effects == [.showTurn(4)])
        #expect(F.run("/replay", from: F.state(lastTurn: 4)).effects == [.replay(turn: 4)])
        #expect(F.run("/show").errorText == "no turns yet in session 'work'")
        #expect(F.run("/replay").errorText == "nothing to replay yet: this session has no turns")
    }

    @Test func retryReplaysTheLastTurnOrSaysThereIsNone() {
        #expect(F.run("/retry", from: F.state(lastTurn: 3)).effects == [.replay(turn: 3)])
        let none = F.run("/retry")
        #expect(none.effects.isEmpty)
        #expect(none.errorText == "nothing to retry yet: this session has no turns")
    }

    @Test func resetBreakersChecksTheModelFirst() {
        let all = F.run("/breakers reset")
        #expect(all.effects == [.resetBreakers(nil)])
        #expect(all.statusText == "all breakers reset")
        let one = F.run("/breakers reset cloud/offline")
        #expect(one.effects == [.resetBreakers("cloud/offline")])
        #expect(one.statusText == "breaker reset: cloud/offline")
        let unknown = F.run("/breakers reset alpah")
        #expect(unknown.effects.isEmpty)
        #expect(unknown.errorText == "unknown model 'alpah' — did you mean alpha? (/models lists them)")
    }

    @Test func sessionNamesAreCheckedAndTheOpenSessionIsNotDeleted() {
        let bad = F.run("/session rename a\u{1B}[31mred")
        #expect(bad.effects.isEmpty)
        #expect(bad.errorText == "a session name must be visible text on one line")
        #expect(F.run("/session new bad\u{7}bell").effects.isEmpty)
        let current = F.run("/session delete work")
        #expect(current.effects.isEmpty)
        #expect(current.errorText.hasPrefix("'work' is the open session"))
    }

    @Test func helpListsEveryCommandOrExplainsOne() {
        let overview = F.run("/help").outputText
        for command in CommandCatalog.all { #expect(overview.contains(command.usage), "\(command.name) missing from /help") }
        #expect(F.run("/help tier").outputText == CommandCatalog.help(for: "tier")!.fullText)
        // On a narrow terminal summaries wrap under their own column.
        let narrow = CommandHandler(context: CommandContext(config: F.config, knownModels: F.context.knownModels, width: 60))
        let lines = narrow.handle(line: "/help", F.state()).outputText.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 60 }, "\(lines.filter { $0.count > 60 })")
        #expect(lines.contains { $0.hasPrefix("    ") && $0.count > 4 }, "summaries indented under their usage")
        let wide = CommandHandler(context: CommandContext(config: F.config, knownModels: F.context.knownModels, width: 100))
        let column = (CommandCatalog.all.map(\.usage.count).max() ?? 0) + 2
        let wideLines = wide.handle(line: "/help", F.state()).outputText.split(separator: "\n")
        #expect(wideLines.allSatisfy { $0.count <= 100 })
        #expect(wideLines.contains { $0.hasPrefix(String(repeating: " ", count: column)) }, "a hanging indent")
        #expect(F.run("/help tire").errorText == "no help for 'tire' — it is not a command — did you mean /help tier?")
    }

    @Test func anUnknownCommandSuggestsTheNearestAndChangesNothing() {
        let reaction = F.run("/tiers high")
        #expect(reaction.effects.isEmpty && reaction.state == F.state())
        #expect(reaction.errorText == "unknown command /tiers — did you mean /tier?")
    }

    /// Every command of the catalog reaches the handler: none falls through as unknown.
    @Test func everyCatalogCommandIsHandled() {
        let examples = ["tier": "/tier high", "enable": "/enable alpha", "disable": "/disable alpha", "toggle": "/toggle alpha",
                        "only": "/only alpha", "chairman": "/chairman alpha", "min": "/min 1", "timeout": "/timeout 5", "hedge": "/hedge 2",
                        "review": "/review off", "mode": "/mode synth", "show": "/show 1", "replay": "/replay 1",
                        "export": "/export md", "help": "/help", "retry": "/retry"]
        for command in CommandCatalog.all {
            let line = examples[command.name] ?? "/\(command.name)"
            let reaction = F.run(line, from: F.state(lastTurn: 1))
            #expect(reaction.errorText.isEmpty, "\(line): \(reaction.errorText)")
            #expect(!reaction.effects.isEmpty || !reaction.messages.isEmpty, "\(line) did nothing")
        }
    }
}
