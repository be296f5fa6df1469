import CEditLine
import Glibc

/// What the program's standard streams are connected to, and what that allows.
public struct TerminalInfo: Equatable, Sendable {
    public var stdinIsTerminal: Bool
    public var stdoutIsTerminal: Bool
    public var stderrIsTerminal: Bool
    /// `NO_COLOR` set to any non-empty value (https://no-color.org).
    public var noColorRequested: Bool

    public init(stdinIsTerminal: Bool, stdoutIsTerminal: Bool, stderrIsTerminal: Bool, noColorRequested: Bool) {
        self.stdinIsTerminal = stdinIsTerminal
        self.stdoutIsTerminal = stdoutIsTerminal
        self.stderrIsTerminal = stderrIsTerminal
        self.noColorRequested = noColorRequested
    }

    /// The streams of this process and the given environment.
    public static func current(environment: [String: String]) -> TerminalInfo {
        TerminalInfo(
            stdinIsTerminal: isTerminal(STDIN_FILENO),
            stdoutIsTerminal: isTerminal(STDOUT_FILENO),
            stderrIsTerminal: isTerminal(STDERR_FILENO),
            noColorRequested: !(environment["NO_COLOR"] ?? "").isEmpty)
    }

    /// libedit only when both are terminals: with stdout piped it would echo raw `^[[A`.
    public var usesLineEditor: Bool { stdinIsTerminal && stdoutIsTerminal }
    /// Colour for the answer on stdout.
    public var stdoutUsesColor: Bool { stdoutIsTerminal && !noColorRequested }
    /// Colour for status and progress on stderr.
    public var stderrUsesColor: Bool { stderrIsTerminal && !noColorRequested }

    public static func isTerminal(_ fileDescriptor: Int32) -> Bool { isatty(fileDescriptor) == 1 }

    /// Columns of the terminal on `fileDescriptor`, or `fallback` when it is not a terminal.
    /// Ask again before drawing: the window may have been resized.
    public static func width(of fileDescriptor: Int32 = STDOUT_FILENO, fallback: Int = 80) -> Int {
        let columns = Int(council_terminal_columns(fileDescriptor))
        return columns > 0 ? columns : fallback
    }

    public static func rows(of fileDescriptor: Int32 = STDOUT_FILENO, fallback: Int = 24) -> Int {
        let rows = Int(council_terminal_rows(fileDescriptor))
        return rows > 0 ? rows : fallback
    }
}
