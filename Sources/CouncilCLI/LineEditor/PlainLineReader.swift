import Foundation
import Glibc

/// Reads entries line by line when stdin or stdout is not a terminal (piped input, `council > file`).
/// Same joining rules as `LineEditor`; input that ends inside an entry still yields that entry.
public final class PlainLineReader: LineSource {
    private let readRawLine: () -> FileDescriptorLineReader.Read
    private let showsPrompt: Bool
    private var joiner = MultilineJoiner()

    /// Reads standard input. The prompt goes to stderr, and only when a person is typing (stdin is a
    /// terminal), so it never mixes with answers on stdout. Ctrl-C gives `.interrupt`.
    public convenience init() {
        let standardInput = FileDescriptorLineReader(fileDescriptor: STDIN_FILENO)
        self.init(showsPrompt: isatty(STDIN_FILENO) == 1, read: standardInput.next)
    }

    /// Reads lines from `readRawLine` (nil means end of input); for tests and other sources.
    public convenience init(showsPrompt: Bool = false, readRawLine: @escaping () -> String?) {
        self.init(showsPrompt: showsPrompt) { readRawLine().map { .line($0) } ?? .end }
    }

    init(showsPrompt: Bool, read: @escaping () -> FileDescriptorLineReader.Read) {
        self.showsPrompt = showsPrompt
        self.readRawLine = read
    }

    public func readLine(prompt: String) -> LineInput {
        while true {
            if showsPrompt {
                FileHandle.standardError.write(Data((joiner.isContinuing ? "...> " : prompt).utf8))
            }
            switch readRawLine() {
            case .interrupted:
                joiner.reset()
                if showsPrompt { FileHandle.standardError.write(Data("\n".utf8)) }
                return .interrupt
            case .end:
                if let partial = joiner.partialEntry {
                    joiner.reset()
                    return .line(partial)
                }
                return .endOfInput
            case .line(var line):
                if line.hasSuffix("\r") { line.removeLast() } // CRLF input
                if case let .complete(entry) = joiner.add(line) { return .line(entry) }
            }
        }
    }
}
