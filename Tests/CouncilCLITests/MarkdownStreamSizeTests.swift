import CouncilTestSupport
import Synchronization
import Testing
@testable import CouncilCLI

/// Answers of megabytes in one delta (a whole, unstreamed answer comes so): rendered in one pass.
/// The deadline is far above the linear time (under a second) and far below the quadratic (minutes
/// to hours), so a step that rescans what is held fails here, on a loaded machine too.
@Suite struct MarkdownStreamSizeTests {
    static func rendersInTime(_ deltas: [String], _ check: @escaping @Sendable (String) -> Bool) async -> Bool {
        let result = Mutex<Bool?>(nil)
        let finished = await finishes(within: .seconds(60)) {
            var stream = MarkdownStream(width: 80)
            let output = deltas.map { stream.feed($0) }.joined() + stream.finish()
            result.withLock { $0 = check(output) }
        }
        return finished && result.withLock { $0 } == true
    }

    /// Links looked to the end of what was held for each `[`, `*` counted all of it, and each step
    /// shifted it: a megabyte in one delta took hours.
    @Test func aLongLineInOneDelta() async {
        #expect(await Self.rendersInTime([String(repeating: "word *and* [more ", count: 60_000)]) { $0.contains("word") })
    }

    /// A line of dashes may be a rule, one of `|` a table row, until its end: it was held whole and
    /// scanned again for every delta, an hour for a megabyte in deltas of ten characters.
    @Test func aLongLineThatCouldBeARuleOrARowInSmallDeltas() async {
        let dashes = Array(repeating: "----------", count: 100_000) + ["x\n"]
        #expect(await Self.rendersInTime(dashes) { $0.hasSuffix("x\n") })
        let row = Array(repeating: "| aaaaaaa ", count: 100_000) + ["|\n"]
        #expect(await Self.rendersInTime(row) { $0.hasSuffix("|\n") })
    }
}
