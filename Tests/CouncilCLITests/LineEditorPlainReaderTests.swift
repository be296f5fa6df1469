import Testing
@testable import CouncilCLI

@Suite struct LineEditorPlainReaderTests {
    private func reader(_ lines: [String]) -> PlainLineReader {
        var remaining = lines[...]
        return PlainLineReader { remaining.popFirst() }
    }

    private func readAll(_ source: LineSource, limit: Int = 20) -> [LineInput] {
        var inputs: [LineInput] = []
        while inputs.count < limit {
            let input = source.readLine(prompt: "> ")
            inputs.append(input)
            if input == .endOfInput { break }
        }
        return inputs
    }

    @Test func readsAndJoinsEntries() {
        let source = reader(["hi", "first\\", "second", "\"\"\"", "block", "text", "\"\"\"", "/tier high"])
        #expect(readAll(source) == [
            .line("hi"), .line("first\nsecond"), .line("block\ntext"), .line("/tier high"), .endOfInput,
        ])
    }

    @Test func endOfInputInsideABlockStillYieldsIt() {
        let source = reader(["\"\"\"", "unfinished"])
        #expect(readAll(source) == [.line("unfinished"), .endOfInput])
    }

    @Test func stripsCarriageReturnOfCRLFInput() {
        let source = reader(["windows\r", "line\\\r", "two\r"])
        #expect(readAll(source) == [.line("windows"), .line("line\ntwo"), .endOfInput])
    }

    @Test func endOfInputRepeats() {
        let source = reader([])
        #expect(source.readLine(prompt: "> ") == .endOfInput)
        #expect(source.readLine(prompt: "> ") == .endOfInput)
    }
}
