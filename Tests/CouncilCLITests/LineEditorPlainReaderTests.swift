import Glibc
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

@Suite struct LineEditorFileDescriptorReaderTests {
    @Test func splitsLinesAcrossReadsAndKeepsTheLastUnterminatedOne() throws {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        let text = "first\nsécond 🎉\r\n\nlast"
        _ = text.utf8CString.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count - 1) }
        close(ends[1])
        defer { close(ends[0]) }
        let reader = FileDescriptorLineReader(fileDescriptor: ends[0])
        #expect(reader.next() == .line("first"))
        #expect(reader.next() == .line("sécond 🎉\r"))
        #expect(reader.next() == .line(""))
        #expect(reader.next() == .line("last"))
        #expect(reader.next() == .end)
        #expect(reader.next() == .end)
    }
}
