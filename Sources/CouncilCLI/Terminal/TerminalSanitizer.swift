/// Makes model-written text safe to print: no escape sequences, no control characters other than
/// newline and tab, no bidirectional overrides. A model (or a web page it quotes) must not be able to
/// move the cursor, rewrite earlier lines, set the clipboard (OSC 52), plant hyperlinks (OSC 8) or
/// reorder what the user reads.
public enum TerminalSanitizer {
    /// Sanitises a complete text. An escape sequence left unterminated at the end is dropped.
    public static func sanitize(_ text: String) -> String {
        var sanitizer = StreamSanitizer()
        return sanitizer.feed(text)
    }
}
