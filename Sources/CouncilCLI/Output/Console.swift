import Foundation

/// Where the REPL writes: answers and listings to stdout, statuses and errors to stderr. Tests
/// hand it a sink of their own to read what a command printed.
struct Console: Sendable {
    enum Stream: Sendable { case out, err }

    private let write: @Sendable (Stream, String) -> Void
    /// Whether stdout is a terminal: text that holds what models wrote is then sanitised.
    let stdoutIsTerminal: Bool

    init() {
        write = { stream, text in
            (stream == .out ? FileHandle.standardOutput : FileHandle.standardError).write(Data(text.utf8))
        }
        stdoutIsTerminal = TerminalInfo.isTerminal(STDOUT_FILENO)
    }

    init(stdoutIsTerminal: Bool = false, sink: @escaping @Sendable (Stream, String) -> Void) {
        write = sink
        self.stdoutIsTerminal = stdoutIsTerminal
    }

    func print(_ text: String) { write(.out, text + "\n") }

    /// Long output (a stored turn, the history, a transcript, the configuration, help): through the
    /// pager on a terminal, printed otherwise.
    func page(_ text: String) {
        if stdoutIsTerminal, Pager().page(text + "\n", rows: TerminalInfo.rows(of: STDOUT_FILENO)) { return }
        print(text)
    }
    /// Text that holds what models wrote (transcripts, JSON): on a terminal it is stripped of control
    /// sequences first; into a pipe or file it stays exact.
    func printUntrusted(_ text: String) {
        if stdoutIsTerminal { page(TerminalSanitizer.sanitize(text)) } else { print(text) }
    }
    func status(_ text: String) { write(.err, text + "\n") }
    /// A control sequence for the terminal itself (e.g. OSC 52), on stderr so a piped stdout stays clean.
    func terminal(_ sequence: String) { write(.err, sequence) }
    func error(_ text: String) { write(.err, "error: " + text + "\n") }

    func show(_ message: ReplMessage) {
        switch message {
        case .output(let text): page(text)
        case .status(let text): status(text)
        case .error(let text): error(text)
        }
    }
}
