@testable import CouncilCLI
import CouncilTestSupport
import PropertyBased
import Testing

/// Invariants of the Markdown stream renderer on generated answers, sanitised first as the screen
/// does (`Fuzz/Sources/FuzzMarkdown` fuzzes the same).
@Suite struct MarkdownStreamProperties {
    static let answers = text(of: HostileText.markdown + HostileText.terminal, count: 0...80).map(TerminalSanitizer.sanitize)
    static let widths = Gen.int(in: 20...120)
    static let codes = [Ansi.reset, Ansi.bold, Ansi.dim, Ansi.italic, Ansi.underline, Ansi.code, Ansi.heading, Ansi.quote, Ansi.bullet]

    static func render(_ pieces: [String], width: Int) -> String {
        var stream = MarkdownStream(width: width)
        return pieces.map { stream.feed($0) }.joined() + stream.finish()
    }

    @Test func theOutputIsTheSameHoweverTheAnswerIsCut() async {
        await propertyCheck(count: 500, input: Self.answers, cuts, Self.widths) { answer, cuts, width in
            let whole = Self.render([answer], width: width)
            let split = Self.render(HostileText.cut(answer, at: cuts), width: width)
            #expect(split.unicodeScalars.elementsEqual(whole.unicodeScalars), "\(answer.debugDescription)")
        }
    }

    @Test func theOnlyEscapesAreItsOwnAndNoStyleIsLeftOn() async {
        await propertyCheck(count: 300, input: Self.answers, Self.widths) { answer, width in
            let output = Self.render([answer], width: width)
            var bare = output
            for code in Self.codes { bare = bare.replacingOccurrences(of: code, with: "") }
            #expect(!bare.unicodeScalars.contains(where: HostileText.isForbiddenOnTerminal))
            if let lastStyle = Self.codes.dropFirst().compactMap({ output.range(of: $0, options: .backwards)?.lowerBound }).max() {
                #expect(output.range(of: Ansi.reset, options: .backwards).map { $0.lowerBound > lastStyle } == true)
            }
        }
    }
}
