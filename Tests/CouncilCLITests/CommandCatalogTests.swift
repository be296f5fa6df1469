import Testing
@testable import CouncilCLI

@Suite struct CommandCatalogTests {
    @Test func namesAreUnique() {
        #expect(Set(CommandCatalog.allNames).count == CommandCatalog.allNames.count)
    }

    @Test func coversExactlyTheSpecifiedCommands() {
        let expected: Set<String> = [
            "tier", "models", "enable", "disable", "toggle", "only", "chairman", "min", "timeout", "hedge", "system", "review",
            "mode", "breakers", "clear", "config", "help", "exit", "quit", "session", "sessions", "history",
            "show", "replay", "retry", "export", "stats", "edit", "raw", "copy", "file", "bias", "debate",
        ]
        #expect(Set(CommandCatalog.allNames) == expected)
    }

    @Test(arguments: CommandCatalog.all.map(\.name))
    func everyCommandHasHelp(name: String) throws {
        let help = try #require(CommandCatalog.help(for: name))
        #expect(help.usage.hasPrefix("/\(name)"))
        #expect(!help.summary.isEmpty && !help.summary.contains("\n"))
        #expect(help.detail.count > help.summary.count / 2)
        #expect(help.fullText.contains(help.detail))
        #expect(CommandCatalog.overview().contains(help.usage + "  ") || CommandCatalog.overview().contains(help.usage))
        #expect(CommandCatalog.overview().contains(help.summary))
    }

    @Test func lookupAcceptsSlashAndAlias() {
        #expect(CommandCatalog.help(for: "/tier")?.name == "tier")
        #expect(CommandCatalog.help(for: "quit")?.name == "exit")
        #expect(CommandCatalog.help(for: "nope") == nil)
    }

    @Test func overviewHasOneLinePerCommand() {
        #expect(CommandCatalog.overview().split(separator: "\n").count == CommandCatalog.all.count)
    }
}
