import Synchronization
import Testing
import CouncilCore
import CouncilTestSupport
@testable import CouncilCLI

/// A live board redrawn after the window got narrower: the terminal rewrapped the old rows onto more
/// lines, and the redraw goes up over all of them and clears below, leaving nothing stale above.
@Suite struct TurnScreenResizeTests {
    final class Window: Sendable {
        let width = Mutex(100)
        let status = Mutex("")
        var output: TurnScreen.Output {
            TurnScreen.Output(answer: { _ in }, status: { text in self.status.withLock { $0 += text } },
                              width: { self.width.withLock { $0 } })
        }
        func take() -> String { status.withLock { text in defer { text = "" }; return text } }
    }

    @Test func aNarrowerWindowIsRedrawnFromTheBoardsFirstRow() throws {
        let window = Window()
        let live = TerminalInfo(stdinIsTerminal: true, stdoutIsTerminal: true, stderrIsTerminal: true, noColorRequested: false)
        var screen = TurnScreen(terminal: live, mode: .full, limits: [.generation: .seconds(30)], clock: TestClock(), output: window.output)
        let models: [ModelID] = ["provider/a-model-with-a-rather-long-name", "b"]
        screen.apply(.stageStarted(.generation, models: models))
        let first = window.take()
        // Header and two rows, each as long as it is at 100 columns.
        let lengths = first.split(separator: "\n").map { TurnScreen.visibleLength(String($0)) }
        #expect(lengths.count == 3)

        window.width.withLock { $0 = 30 }
        screen.tick()
        let redrawn = window.take()
        let rows = lengths.reduce(0) { $0 + max(1, ($1 + 29) / 30) }
        #expect(rows > 3, "a row longer than 30 columns wrapped")
        #expect(redrawn.hasPrefix("\u{1B}[\(rows)F\u{1B}[J"), "went up \(rows) rows: \(redrawn.debugDescription)")
        #expect(redrawn.split(separator: "\n").allSatisfy { TurnScreen.visibleLength(String($0)) < 30 }, "cut to the new width")
    }
}
