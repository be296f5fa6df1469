@testable import CouncilCLI
import CouncilTestSupport
import PropertyBased
import Testing

/// Invariants of the terminal sanitiser on generated hostile text (`Fuzz/Sources/FuzzSanitizer`
/// fuzzes the same).
@Suite struct SanitizerProperties {
    static let hostile = text(of: HostileText.terminal + HostileText.markdown)

    @Test func noEscapeControlOrBidiOverrideGetsThrough() async {
        await propertyCheck(count: 500, input: Self.hostile) { text in
            let clean = TerminalSanitizer.sanitize(text)
            #expect(!clean.unicodeScalars.contains(where: HostileText.isForbiddenOnTerminal), "\(clean.debugDescription)")
        }
    }

    @Test func theOutputIsTheSameHoweverTheTextIsCut() async {
        await propertyCheck(count: 500, input: Self.hostile, cuts) { text, cuts in
            var stream = StreamSanitizer()
            let pieces = HostileText.cut(text, at: cuts).map { stream.feed($0) }.joined()
            #expect(pieces.unicodeScalars.elementsEqual(TerminalSanitizer.sanitize(text).unicodeScalars))
        }
    }

    /// It only drops: what is left is the input's scalars in order, and sanitising again changes nothing.
    @Test func itOnlyDropsAndIsIdempotent() async {
        await propertyCheck(count: 300, input: Self.hostile) { text in
            let clean = TerminalSanitizer.sanitize(text)
            var rest = clean.unicodeScalars.makeIterator()
            var next = rest.next()
            for scalar in text.unicodeScalars where scalar == next { next = rest.next() }
            #expect(next == nil)
            #expect(TerminalSanitizer.sanitize(clean).unicodeScalars.elementsEqual(clean.unicodeScalars))
        }
    }
}
