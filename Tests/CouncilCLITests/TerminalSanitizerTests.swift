import Testing
@testable import CouncilCLI

@Suite struct TerminalSanitizerTests {
    static let esc = "\u{1B}"
    static let bel = "\u{07}"
    static let st = "\u{1B}\\"

    /// Hostile input and what must reach the screen.
    static let hostile: [(String, String)] = [
        ("\(esc)[31mred\(esc)[0m", "red"),
        ("\(esc)[1;38;5;196mbold\(esc)[m", "bold"),
        ("a\(esc)[2Ab\(esc)[10;5Hc\(esc)[2Jd\(esc)[?25l\(esc)[?1049he", "abcde"),
        ("\(esc)[6n", ""),
        ("\(esc)]8;;https://evil.example/\(bel)click me\(esc)]8;;\(bel)", "click me"),
        ("\(esc)]8;;https://evil.example/\(st)link\(esc)]8;;\(st)", "link"),
        ("\(esc)]52;c;cm0gLXJmIH4=\(bel)after", "after"),
        ("\(esc)]52;c;cm0gLXJmIH4=\(st)after", "after"),
        ("\(esc)]0;pwned title\(bel)ok", "ok"),
        ("\(esc)P1$r0m\(st)dcs", "dcs"),
        ("\(esc)Xsos payload\(st)sos", "sos"),
        ("\(esc)^pm payload\(st)pm", "pm"),
        ("\(esc)_apc payload\(st)apc", "apc"),
        ("\u{9B}31mred\u{9B}0m", "red"),
        ("\u{9D}52;c;AAAA\u{9C}ok", "ok"),
        ("\u{9D}0;title\u{07}ok", "ok"),
        ("\u{90}qpayload\u{9C}ok", "ok"),
        ("\u{9F}apc\u{9C}ok", "ok"),
        ("a\u{85}b\u{84}c\u{8D}d\u{9C}e", "abcde"),
        ("\(esc)7saved\(esc)8", "saved"),
        ("\(esc)cX", "X"),
        ("\(esc)(0x\(esc)(B", "x"),
        ("\(esc)#8", ""),
        ("\(esc)\(esc)[31mx", "x"),
        ("\(esc)]0;t\(esc)[31mred", "red"),
        ("\(esc)é", "é"),
        ("\(esc)[31\nnext", "\nnext"),
        ("ok\(esc)]52;c;unterminated", "ok"),
        ("abc\u{202E}fed\u{202C}", "abcfed"),
        ("\u{202A}\u{202B}\u{202D}x", "x"),
        ("\u{2066}a\u{2067}b\u{2068}c\u{2069}", "abc"),
        ("\u{200E}l\u{200F}r\u{061C}", "lr"),
        ("rm -rf ~\rls -la", "rm -rf ~ls -la"),
        ("line\r\nnext", "line\nnext"),
        ("a\u{07}b\u{08}c\u{7F}d\u{00}e\u{0B}f\u{0C}g\u{1A}h", "abcdefgh"),
    ]

    @Test(arguments: hostile)
    func stripsHostileSequences(input: String, expected: String) {
        #expect(TerminalSanitizer.sanitize(input) == expected)
    }

    static let harmless: [String] = [
        "plain ASCII text, with punctuation!",
        "a\n\tb\n\n",
        "naïve café, Ünïcödé, ß, \u{A0}non-breaking",
        "日本語のテキスト and 中文",
        "مرحبا بالعالم — Arabic",
        "עברית",
        "emoji 🎉 family 👨‍👩‍👧 flag 🇩🇪 skin 👍🏽",
        "combining e\u{301} and dashes — – “quotes” → arrows … ellipsis",
        "math ∑ ∫ ≤ ≥ € ™",
    ]

    @Test(arguments: harmless)
    func keepsOrdinaryText(text: String) {
        #expect(TerminalSanitizer.sanitize(text) == text)
        var stream = StreamSanitizer()
        #expect(stream.feed(text) == text)
        #expect(!stream.isInsideSequence)
    }

    /// A sequence split across two deltas at every position is still removed whole.
    @Test(arguments: hostile)
    func splitAtEveryPosition(input: String, expected: String) {
        let scalars = Array(input.unicodeScalars)
        for cut in 0...scalars.count {
            var stream = StreamSanitizer()
            let first = String(String.UnicodeScalarView(scalars[..<cut]))
            let second = String(String.UnicodeScalarView(scalars[cut...]))
            let output = stream.feed(first) + stream.feed(second)
            #expect(output == expected, "split at \(cut)")
        }
    }

    @Test(arguments: hostile)
    func oneScalarPerDelta(input: String, expected: String) {
        var stream = StreamSanitizer()
        let output = input.unicodeScalars.map { stream.feed(String($0)) }.joined()
        #expect(output == expected)
    }

    @Test func remembersAnOpenSequenceBetweenDeltas() {
        var stream = StreamSanitizer()
        #expect(stream.feed("before \(Self.esc)]52;c;") == "before ")
        #expect(stream.isInsideSequence)
        #expect(stream.feed("c2VjcmV0") == "")
        #expect(stream.feed("\(Self.bel) after") == " after")
        #expect(!stream.isInsideSequence)
    }

    @Test func resetForgetsAnOpenSequence() {
        var stream = StreamSanitizer()
        _ = stream.feed("\(Self.esc)[")
        stream.reset()
        #expect(stream.feed("31m") == "31m")
    }

    @Test func handlesLongInput() {
        let chunk = String(repeating: "word \u{1B}[1mbold\u{1B}[0m ünï 🎉\n", count: 5_000)
        let expected = String(repeating: "word bold ünï 🎉\n", count: 5_000)
        #expect(TerminalSanitizer.sanitize(chunk) == expected)
    }
}
