import CouncilCore
import CouncilTestSupport
import PropertyBased
import Testing

/// Invariants of `SSEParser` on generated event streams (`Fuzz/Sources/FuzzSSE` fuzzes the same).
@Suite struct SSEParserProperties {
    @Test func theEventsAreTheSameHoweverTheBodyIsCut() async {
        await propertyCheck(count: 300, input: text(of: HostileText.eventStream), cuts) { body, cuts in
            let bytes = Array(body.utf8)
            var whole = SSEParser()
            let expected = whole.feed(bytes) + whole.finish()
            var split = SSEParser()
            var events: [SSEParser.Event] = []
            for piece in HostileText.cut(bytes, at: cuts) { events += split.feed(piece) }
            events += split.finish()
            #expect(events == expected)
        }
    }

    /// The cap bounds what the parser holds: a long line, and an event of many short lines.
    @Test func noEventHoldsMoreThanTheCap() async {
        await propertyCheck(count: 300, input: text(of: HostileText.eventStream, count: 0...120), Gen.int(in: 1...64)) { body, cap in
            var parser = SSEParser(maxLineBytes: cap)
            let events = parser.feed(Array(body.utf8)) + parser.finish()
            for event in events { #expect(event.data.unicodeScalars.count <= cap) }
            if body.utf8.count <= cap { #expect(!parser.overflowed) }
        }
    }

    @Test func fieldsNeverHoldALineEnd() async {
        await propertyCheck(count: 200, input: text(of: HostileText.eventStream)) { body in
            var parser = SSEParser()
            for event in parser.feed(Array(body.utf8)) + parser.finish() {
                #expect(!event.data.contains("\r") && !(event.name ?? "").contains("\n") && !(event.name ?? "").contains("\r"))
            }
        }
    }

    @Test func manyDataLinesWithoutABlankLineOverflowTheCap() {
        var parser = SSEParser(maxLineBytes: 100)
        let events = parser.feed(Array(String(repeating: "data: 0123456789\n", count: 1_000).utf8)) + parser.finish()
        #expect(parser.overflowed)
        #expect(events.allSatisfy { $0.data.utf8.count <= 100 })
    }

    /// Invalid UTF-8 is read as U+FFFD, three bytes each: a body within the cap still fits it (found by fuzzing).
    @Test func invalidUTF8WithinTheCapDoesNotOverflowIt() {
        let body = Array("data: ".utf8) + [0xFF, 0xEA, 0xEA, 0xEA, 0xEA, 0xEA, 0xEA, 0xFF] + Array("\n\n".utf8)
        var parser = SSEParser(maxLineBytes: body.count)
        let events = parser.feed(body) + parser.finish()
        #expect(!parser.overflowed)
        #expect(events.map(\.data) == [String(repeating: "\u{FFFD}", count: 8)])
    }
}
