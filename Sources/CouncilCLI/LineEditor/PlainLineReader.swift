import CEditLine
import Foundation
import Glibc

/// Reads entries line by line when stdin or stdout is not a terminal (piped input, `council > file`).
/// Same joining rules as `LineEditor`; input that ends inside an entry still yields that entry.
public final class PlainLineReader: LineSource {
    private let readRawLine: () -> String?
    private let showsPrompt: Bool
    private var joiner = MultilineJoiner()

    /// Reads standard input. The prompt goes to stderr, and only when a person is typing (stdin is a
    /// terminal), so it never mixes with answers on stdout.
    public convenience init() {
        self.init(showsPrompt: isatty(STDIN_FILENO) == 1) { Swift.readLine(strippingNewline: true) }
    }

    /// Reads lines from `readRawLine` (nil means end of input); for tests and other sources.
    public init(showsPrompt: Bool = false, readRawLine: @escaping () -> String?) {
        self.showsPrompt = showsPrompt
        self.readRawLine = readRawLine
    }

    public func readLine(prompt: String) -> LineInput {
        while true {
            if showsPrompt {
                FileHandle.standardError.write(Data((joiner.isContinuing ? "...> " : prompt).utf8))
            }
            let (raw, interrupted) = PromptInterrupt.catching(readRawLine)
            guard var line = raw else {
                if interrupted {
                    joiner.reset()
                    council_clear_stdin_error()
                    return .interrupt
                }
                if let partial = joiner.partialEntry {
                    joiner.reset()
                    return .line(partial)
                }
                return .endOfInput
            }
            if line.hasSuffix("\r") { line.removeLast() } // CRLF input
            if case let .complete(entry) = joiner.add(line) { return .line(entry) }
        }
    }
}
