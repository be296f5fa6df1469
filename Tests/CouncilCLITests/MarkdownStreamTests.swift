import CouncilTestSupport
import Testing
@testable import CouncilCLI

/// The streaming Markdown renderer: what a terminal shows for each construct, and the same result
/// however the text is split into deltas.
@Suite struct MarkdownStreamTests {
    static let document = """
        # Title
        Some **bold** and *italic* text with `code`, snake_case_name and 2 * 3 = 6.
        ## Steps
        - first item
        * second item
        1. numbered
        > quoted words
        ---
        See [the docs](https://example.com/docs) now.
        ```swift
        let x = "**not bold**"
        ```
        | Name | Value |
        |------|------:|
        | alpha | 1 |
        | **beta** | 22 |
        After the table.

        """

    static func render(_ text: String, chunks: Int? = nil, width: Int = 80) -> String {
        var stream = MarkdownStream(width: width)
        var out = ""
        if let chunks {
            var rest = Substring(text)
            while !rest.isEmpty {
                out += stream.feed(String(rest.prefix(chunks)))
                rest = rest.dropFirst(chunks)
            }
        } else {
            out += stream.feed(text)
        }
        return out + stream.finish()
    }

    /// What a reader sees: the text without escape codes.
    static func visible(_ text: String) -> String {
        text.replacing(/\u{1B}\[[0-9;]*m/, with: "")
    }

    @Test(arguments: [1, 2, 3, 7, 64])
    func splittingTheStreamChangesNothing(chunk: Int) {
        #expect(Self.render(Self.document, chunks: chunk) == Self.render(Self.document))
    }

    @Test func eachConstructIsRendered() {
        let rendered = Self.render(Self.document)
        let lines = Self.visible(rendered).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Title")
        #expect(rendered.contains("\u{1B}[1;35mTitle"), "headings are styled")
        #expect(lines[1] == "Some bold and italic text with code, snake_case_name and 2 * 3 = 6.")
        #expect(rendered.contains("\u{1B}[1mbold"))
        #expect(rendered.contains("\u{1B}[3mitalic"))
        #expect(lines[3] == "• first item" && lines[4] == "• second item" && lines[5] == "1. numbered")
        #expect(lines[6] == "│ quoted words")
        #expect(lines[7].hasPrefix("───"))
        #expect(lines[8] == "See the docs (https://example.com/docs) now.")
        #expect(lines[9] == "┌─ swift")
        #expect(lines[10] == "│ let x = \"**not bold**\"", "no inline styling inside code")
        #expect(lines[11] == "└─")
        #expect(lines[12].hasPrefix("┌") && lines[13] == "│ Name  │ Value │")
        #expect(lines[15] == "│ alpha │ 1     │" && lines[16] == "│ beta  │ 22    │")
        #expect(lines[18] == "After the table.")
    }

    @Test func aWideTableIsWrappedToTheTerminal() {
        let table = "| a | b |\n|---|---|\n| " + String(repeating: "word ", count: 30) + "| x |\n"
        let lines = Self.visible(Self.render(table, width: 40)).split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 40 }, "\(lines)")
        #expect(lines.count > 5, "the long cell wrapped onto several lines")
    }

    @Test func aPipeLineWithoutASeparatorIsNotATable() {
        #expect(Self.visible(Self.render("| just a line |\nnext\n")) == "| just a line |\nnext\n")
    }

    @Test func unfinishedMarkupIsFlushedAtTheEnd() {
        #expect(Self.visible(Self.render("**never closed")) == "never closed")
        #expect(Self.visible(Self.render("[no link")) == "[no link")
        #expect(Self.visible(Self.render("##")) == "##")
        #expect(Self.render("plain\n") == "plain\n", "plain text passes through untouched")
    }

    /// All but the last character of what has come: the next delta may still extend that one.
    @Test func textIsWrittenAsItArrivesNotHeldToTheEndOfTheLine() {
        var stream = MarkdownStream(width: 80)
        #expect(Self.visible(stream.feed("The sky is ")) == "The sky is")
        #expect(Self.visible(stream.feed("blue because")) == " blue becaus")
        #expect(stream.feed(" of *") == "e of ", "a lone * waits for the next character")
        #expect(Self.visible(stream.feed("Rayleigh* scattering.")) == "Rayleigh scattering")
        #expect(stream.finish() == ".")
    }

    /// `)` and a joiner after it are one character, so no link ends there, and `* ` and an accent
    /// are not a space after `*`: however the answer is cut (between scalars, as deltas are).
    @Test func aCharacterTheNextDeltaExtendsIsNotWrittenEarly() {
        let answer = "[link](https://x.example)\u{200D} and * \u{301}x*"
        let whole = Self.render(answer)
        for cut in 1..<answer.unicodeScalars.count {
            var stream = MarkdownStream(width: 80)
            let out = HostileText.cut(answer, at: [cut]).map { stream.feed($0) }.joined() + stream.finish()
            #expect(out.unicodeScalars.elementsEqual(whole.unicodeScalars), "cut at \(cut)")
        }
    }

    /// The line after a table waits for its kind (`##` may be a heading); the table waits with it.
    @Test func aTableIsDrawnWhenTheLineAfterItComesInPieces() {
        var stream = MarkdownStream(width: 80)
        let out = stream.feed("| a | b |\n|---|---|\n| 1 | 2 |\n##") + stream.feed(" Next\n") + stream.finish()
        #expect(Self.visible(out).contains("│ 1 │ 2 │"))
        #expect(Self.visible(out).hasSuffix("Next\n"))
    }

    /// A `~~~` fence closes however its line arrives; `~` alone at the start of a code line waited for
    /// nothing, so a closing line in pieces became code (found by fuzzing).
    @Test func aTildeFenceClosesWhenItsLineComesInPieces() {
        let answer = "~~~\nfenced ~~~ tilde\n~~~\nafter\n"
        #expect(Self.render(answer, chunks: 1) == Self.render(answer))
        #expect(Self.visible(Self.render(answer, chunks: 1)).hasSuffix("└─\nafter\n"))
    }
}
