/// What one call to `LineSource.readLine(prompt:)` produced.
public enum LineInput: Equatable, Sendable {
    /// A complete entry; continuation lines and `"""` blocks already joined with newlines.
    case line(String)
    /// Ctrl-C at the prompt: the partial entry is discarded; show a hint and prompt again.
    case interrupt
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}

/// Where the REPL's input comes from: `LineEditor` on a terminal, `PlainLineReader` otherwise.
/// Both block the calling thread until an entry is complete.
public protocol LineSource: AnyObject {
    func readLine(prompt: String) -> LineInput
}
