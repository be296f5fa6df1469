import Testing
@testable import CouncilCLI

@Suite struct CommandLineOrderTests {
    static let subcommands: Set<String> = ["chat", "ask", "config", "sessions", "replay"]

    @Test func optionsBeforeTheSubcommandMoveAfterIt() {
        #expect(CommandLineOrder.normalized(["--config", "f", "ask", "q"], subcommands: Self.subcommands) == ["ask", "--config", "f", "q"])
        #expect(CommandLineOrder.normalized(["--demo", "ask", "--json", "q"], subcommands: Self.subcommands) == ["ask", "--demo", "--json", "q"])
        #expect(CommandLineOrder.normalized(["ask", "--config", "f", "q"], subcommands: Self.subcommands) == ["ask", "--config", "f", "q"])
        #expect(CommandLineOrder.normalized(["--new"], subcommands: Self.subcommands) == ["--new"])
        // A value that happens to be a subcommand's name stays the option's value.
        #expect(CommandLineOrder.normalized(["--session", "ask"], subcommands: Self.subcommands) == ["--session", "ask"])
    }

    @Test func aQuestionWithoutAskGetsAHint() {
        #expect(CommandLineOrder.strayQuestion(in: ["why is the sky blue?"], subcommands: Self.subcommands)
                == "council takes a question through 'ask': council ask \"why is the sky blue?\" (or run council alone for the REPL)")
        #expect(CommandLineOrder.strayQuestion(in: ["aks", "x"], subcommands: Self.subcommands) == "unknown command 'aks' — did you mean 'council ask'?")
        #expect(CommandLineOrder.strayQuestion(in: ["ask", "q"], subcommands: Self.subcommands) == nil)
        #expect(CommandLineOrder.strayQuestion(in: ["--session", "work"], subcommands: Self.subcommands) == nil)
        #expect(CommandLineOrder.strayQuestion(in: [], subcommands: Self.subcommands) == nil)
    }
}
