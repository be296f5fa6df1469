import Testing
@testable import CouncilCLI

@Suite struct LineEditorMultilineJoinerTests {
    /// Feeds lines and returns every completed entry plus whether it ends mid-entry.
    private func join(_ lines: [String]) -> (entries: [String], continuing: Bool) {
        var joiner = MultilineJoiner()
        var entries: [String] = []
        for line in lines {
            if case let .complete(entry) = joiner.add(line) { entries.append(entry) }
        }
        return (entries, joiner.isContinuing)
    }

    static let cases: [(lines: [String], entries: [String], continuing: Bool)] = [
        (["hello"], ["hello"], false),
        (["", "x"], ["", "x"], false),
        (["first \\", "second"], ["first \nsecond"], false),
        (["a\\", "b\\", "c"], ["a\nb\nc"], false),
        (["a\\"], [], true),
        (["\"\"\"", "line one", "  indented \\", "", "\"\"\""], ["line one\n  indented \\\n"], false),
        (["  \"\"\"  ", "x", "\"\"\""], ["x"], false),
        (["\"\"\"", "\"\"\""], [""], false),
        (["\"\"\"", "open"], [], true),
        (["a\\", "\"\"\""], ["a\n\"\"\""], false),
        (["\"\"\"x", "y"], ["\"\"\"x", "y"], false),
        (["one", "\"\"\"", "two", "\"\"\"", "three"], ["one", "two", "three"], false),
    ]

    @Test(arguments: cases)
    func joinsLines(lines: [String], entries: [String], continuing: Bool) {
        let result = join(lines)
        #expect(result.entries == entries)
        #expect(result.continuing == continuing)
    }

    @Test func partialEntryAndReset() {
        var joiner = MultilineJoiner()
        #expect(joiner.partialEntry == nil)
        #expect(joiner.add("\"\"\"") == .needsMore)
        #expect(joiner.add("draft") == .needsMore)
        #expect(joiner.partialEntry == "draft")
        joiner.reset()
        #expect(!joiner.isContinuing)
        #expect(joiner.add("fresh") == .complete("fresh"))
    }
}
