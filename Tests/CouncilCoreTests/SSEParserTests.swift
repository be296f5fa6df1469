import Testing
@testable import CouncilCore

@Suite struct SSEParserTests {
    private func parse(_ chunks: [String]) -> [SSEParser.Event] {
        var parser = SSEParser()
        var events: [SSEParser.Event] = []
        for chunk in chunks { events += parser.feed(Array(chunk.utf8)) }
        return events + parser.finish()
    }

    @Test func dataLinesAndDone() {
        let events = parse(["data: {\"a\":1}\n\ndata: [DONE]\n\n"])
        #expect(events.map(\.data) == ["{\"a\":1}", "[DONE]"])
    }

    @Test func commentsAndKeepAlivesAreSkipped() {
        let events = parse([": OPENROUTER PROCESSING\n\n", ":\n\ndata: x\n\n", ": keep-alive\n\n"])
        #expect(events.map(\.data) == ["x"])
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func everyLineEnding(_ end: String) {
        let events = parse(["data: one\(end)\(end)event: note\(end)data: two\(end)\(end)"])
        #expect(events == [.init(name: nil, data: "one"), .init(name: "note", data: "two")])
    }

    @Test func eventSplitAtEveryByte() {
        let body = "data: {\"choices\":[{\"delta\":{\"content\":\"héllo\"}}]}\r\n\r\n: ping\r\n\r\ndata: [DONE]\r\n\r\n"
        let bytes = Array(body.utf8)
        let whole = parse([body])
        #expect(whole.count == 2)
        for cut in 1..<bytes.count {
            var parser = SSEParser()
            let events = parser.feed(bytes[..<cut]) + parser.feed(bytes[cut...]) + parser.finish()
            #expect(events == whole, "split at byte \(cut)")
        }
    }

    @Test func crlfSplitBetweenReadsIsOneLineEnd() {
        let events = parse(["data: a\r", "\n\r", "\ndata: b\r\n\r\n"])
        #expect(events.map(\.data) == ["a", "b"])
    }

    @Test func multiLineDataIsJoined() {
        #expect(parse(["data: first\ndata: second\n\n"]).map(\.data) == ["first\nsecond"])
    }

    @Test func lastEventWithoutBlankLineIsDelivered() {
        #expect(parse(["data: tail"]).map(\.data) == ["tail"])
    }

    @Test func noSpaceAfterColonAndUnknownFields() {
        #expect(parse(["id: 7\nretry: 10\ndata:{}\n\n"]).map(\.data) == ["{}"])
    }
}
