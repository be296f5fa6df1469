/// Pieces of the text that outside bytes are made of, for the property tests of the parsers that
/// read them (`Fuzz/` fuzzes the same parsers): a generator strings them together and cuts the result
/// where a network read or a streamed delta might end.
public enum HostileText {
    /// Escape sequences, controls, bidi overrides and Unicode that grows a character across a cut.
    public static let terminal: [String] = [
        "a", "word ", "é", "e", "\u{301}", "👩", "\u{200D}", "🇫", "🇷", " ", "\n", "\t", "\r", "\r\n",
        "\u{1B}", "\u{1B}[", "31m", "\u{1B}[0m", "\u{1B}[2J", "\u{1B}]", "8;;https://evil.example", "52;c;ZXZpbA==",
        "\u{07}", "\u{1B}\\", "\u{1B}P", "\u{1B}(", "B", "\u{9B}", "\u{9D}", "\u{9C}", "\u{90}", "\u{85}", "\u{7F}",
        "\u{08}", "\u{00}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}",
        "\u{2068}", "\u{2069}", "\u{200E}", "\u{200F}", "\u{061C}", "日本",
    ]

    /// Markdown's markers, and a little of everything above.
    public static let markdown: [String] = [
        "a", "word", " ", "  ", "\n", "\n\n", "#", "## ", "> ", "- ", "* ", "_", "*", "**", "__", "`", "```", "~~~",
        "1. ", "2) ", "10", "---", "***", "|", "| a | b |\n", "|---|---|\n", "[", "]", "(", ")", "[link](https://x.example)",
        "é", "\u{301}", "👩", "\u{200D}", "🇫", "🇷", "\t", "snake_case", "2 * 3", "python",
    ]

    /// What an event stream is made of.
    public static let eventStream: [String] = [
        "data: ", "data:", "event: ", "id: 1", "retry: 10", ": keep-alive", "\n", "\n\n", "\r", "\r\n", "\r\n\r\n",
        "[DONE]", #"{"choices":[{"delta":{"content":"hi"}}]}"#, #"{"choices":[{"delta":{"reasoning":"hm"},"finish_reason":null}]}"#,
        #"{"choices":[{"delta":{},"finish_reason":"stop"}]}"#, #"{"usage":{"prompt_tokens":3,"completion_tokens":2}}"#,
        #"{"error":{"message":"overloaded","code":"503"}}"#, "{", "}", "é", "x", " ", ":",
        // Whole lines, so that a read ending between CR and LF inside an event comes up often.
        "data: a\r\n", "data: b\r\n", "data: c\n", "data: d\r", "event: e\r\n", ": c\r\n", "\r\n",
    ]

    /// A reviewer's reply.
    public static let review: [String] = [
        "FINAL RANKING:", "final ranking", "\n", "\n\n", " ", "1. ", "2. ", "3) ", "- ", "Response ", "A", "B", "C", "D", "Z",
        "AB", "Response A", "Response B", "Response C", "**", "*", "#", "`", "```", "{", "}", #"{"ranking": ["#, #""A""#,
        #""Response B""#, ", ", "]}", "(best)", "— fine", "is good.", "é",
    ]

    /// `text` cut into pieces at `cuts` (positions in unicode scalars, taken modulo its length), as
    /// deltas of a streamed answer arrive.
    public static func cut(_ text: String, at cuts: [Int]) -> [String] {
        cut(Array(text.unicodeScalars), at: cuts).map { piece in
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: piece)
            return String(scalars)
        }
    }

    /// `elements` cut at `cuts` (taken modulo the count), in order, empty pieces left out.
    public static func cut<Element>(_ elements: [Element], at cuts: [Int]) -> [ArraySlice<Element>] {
        guard !elements.isEmpty else { return [] }
        let points = Set(cuts.map { abs($0 % (elements.count + 1)) }).union([0, elements.count]).sorted()
        return zip(points, points.dropFirst()).compactMap { start, end in start < end ? elements[start..<end] : nil }
    }

    /// Whether a terminal must never receive `scalar` from outside text: ESC and every other C0
    /// control but newline and tab, DEL, the C1 controls, bidi marks, embeddings, overrides and isolates.
    public static func isForbiddenOnTerminal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
