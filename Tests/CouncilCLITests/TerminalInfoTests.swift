import Glibc
import Testing
@testable import CouncilCLI

@Suite struct TerminalInfoTests {
    @Test(arguments: [
        (["NO_COLOR": "1"], true),
        (["NO_COLOR": "anything"], true),
        (["NO_COLOR": ""], false),
        ([:], false),
    ] as [([String: String], Bool)])
    func noColorMeansAnyNonEmptyValue(environment: [String: String], disabled: Bool) {
        #expect(TerminalInfo.current(environment: environment).noColorRequested == disabled)
    }

    @Test func colourNeedsATerminalAndNoNoColor() {
        let terminal = TerminalInfo(stdinIsTerminal: true, stdoutIsTerminal: true, stderrIsTerminal: true, noColorRequested: false)
        #expect(terminal.stdoutUsesColor && terminal.stderrUsesColor)
        var noColor = terminal
        noColor.noColorRequested = true
        #expect(!noColor.stdoutUsesColor && !noColor.stderrUsesColor)
        var piped = terminal
        piped.stdoutIsTerminal = false
        #expect(!piped.stdoutUsesColor && piped.stderrUsesColor)
    }

    @Test func lineEditorOnlyWhenStdinAndStdoutAreTerminals() {
        let both = TerminalInfo(stdinIsTerminal: true, stdoutIsTerminal: true, stderrIsTerminal: false, noColorRequested: false)
        #expect(both.usesLineEditor)
        var stdoutPiped = both
        stdoutPiped.stdoutIsTerminal = false
        #expect(!stdoutPiped.usesLineEditor)
        var stdinPiped = both
        stdinPiped.stdinIsTerminal = false
        #expect(!stdinPiped.usesLineEditor)
    }

    @Test func widthFallsBackWhenNotATerminal() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        #expect(!TerminalInfo.isTerminal(fds[0]))
        #expect(TerminalInfo.width(of: fds[1]) == 80)
        #expect(TerminalInfo.width(of: fds[1], fallback: 100) == 100)
        #expect(TerminalInfo.width(of: -1) == 80)
    }
}
