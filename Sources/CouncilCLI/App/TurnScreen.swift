import CouncilCore
import Foundation

/// What a running turn looks like: the status board on stderr (redrawn in place on a terminal, one plain
/// line per event otherwise) and the answer on stdout, stripped of terminal control sequences.
/// Plain state, owned by the one task of a `TurnPresenter`.
struct TurnScreen {
    /// Where the text goes: the process's streams, or a test's buffer.
    struct Output: Sendable {
        var answer: @Sendable (String) -> Void
        var status: @Sendable (String) -> Void

        static let standardStreams = Output(answer: { FileHandle.standardOutput.write(Data($0.utf8)) },
                                            status: { FileHandle.standardError.write(Data($0.utf8)) })
    }

    private var board: StatusBoard
    /// The board is redrawn in place (a terminal), so it needs the spinner's ticks.
    let live: Bool
    private let style: Style
    private let answerStyle: Style
    private let clock: any EpochClock
    private let mode: CouncilMode
    private var drawnLines = 0
    /// True while a generation or review stage is on screen and may be redrawn in place.
    private var stageOnScreen = false
    private var sanitizer = StreamSanitizer()
    private var streamed = false
    /// The streamed answer's last line has no newline yet: end it before anything else is printed.
    private var answerLineOpen = false
    /// The turn has ended: the spinner no longer redraws.
    private var turnEnded = false

    private let writesAnswer: Bool
    private let output: Output

    init(terminal: TerminalInfo, mode: CouncilMode, presentation: Presentation = .live, clock: any EpochClock = SystemClock(),
         output: Output = .standardStreams, names: ModelNames = ModelNames()) {
        writesAnswer = presentation == .live
        self.output = output
        live = terminal.stderrIsTerminal && !terminal.noColorRequested
        style = Style(enabled: terminal.stderrUsesColor)
        answerStyle = Style(enabled: terminal.stdoutUsesColor)
        board = StatusBoard(style: style, names: names)
        self.clock = clock
        self.mode = mode
    }

    mutating func note(_ text: String) {
        emit([style.dim(text)])
    }

    /// The spinner's tick: the rows of a stage under way move on.
    mutating func tick() {
        guard !turnEnded else { return }
        redraw()
    }

    mutating func apply(_ event: CouncilEvent) {
        let now = clock.now
        let plain = board.apply(event, at: now)
        switch event {
        case .stageStarted(.synthesis, _):
            break
        case .stageStarted:
            drawnLines = 0
            stageOnScreen = live
            if live { redraw() } else if let plain { emit([plain]) }
        case .modelFinished(.synthesis, _):
            if !live, let plain { emit([plain]) }
        case .modelFinished, .reviewFinished:
            if live { redraw() } else if let plain { emit([plain]) }
        case .stageFinished:
            freezeStage()
        case .aggregate:
            freezeStage()
            emit(live ? board.rankingLines() : [plain].compactMap { $0 })
        case .chairmanChosen:
            sanitizer.reset()  // a failed chairman may have stopped inside an escape sequence
            emit(live ? [board.chairmanLines().last ?? ""] : [plain].compactMap { $0 })
        case .synthesisDelta(let delta):
            let clean = sanitizer.feed(delta)
            if writesAnswer, !clean.isEmpty {
                streamed = true
                answerLineOpen = !clean.hasSuffix("\n")
                output.answer(clean)
            }
        case .turnFinished(let result):
            finish(result)
        default:
            break
        }
    }

    private mutating func finish(_ result: TurnResult) {
        turnEnded = true
        guard writesAnswer else {
            emit([TurnFooter.line(result, style: style)])
            return
        }
        endAnswerLine()
        if mode == .answers || (!result.synthesised && result.finalAnswer != nil && !streamed) {
            printAnswers(result)
        } else if !result.synthesised, streamed, let answer = result.finalAnswer {
            // A chairman failed part-way: the streamed text is not the answer; show the one that is.
            emit([style.yellow("no chairman could finish; the top-ranked answer as it was:")])
            printToStdout(answer)
        }
        if result.status == .failed {
            var lines = [style.red("the turn failed: no model answered")]
            for (model, reason) in result.failureReasons.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(board.names.short(model)): \(StatusBoard.short(reason))")
            }
            emit(lines)
        }
        if result.status == .cancelled { emit([style.yellow("turn cancelled")]) }
        emit([TurnFooter.line(result, style: style)])
    }

    private mutating func printAnswers(_ result: TurnResult) {
        if mode == .answers {
            for item in result.generation {
                guard let text = item.outcome.completion?.text else { continue }
                printToStdout(answerStyle.bold("── \(board.names.labelled(item.model)) ──") + "\n" + text + "\n")
            }
        } else if let answer = result.finalAnswer {
            emit([style.yellow("unsynthesised: the top-ranked answer as it was")])
            printToStdout(answer)
        }
    }

    private func printToStdout(_ text: String) {
        var fresh = StreamSanitizer()
        let clean = fresh.feed(text)
        output.answer(clean.hasSuffix("\n") ? clean : clean + "\n")
    }

    /// Draws the stage one last time and leaves it on screen as it is.
    private mutating func freezeStage() {
        if stageOnScreen { redraw() }
        stageOnScreen = false
        drawnLines = 0
    }

    /// Redraws the current stage's rows in place: cursor up over the previous drawing, clear, print.
    private mutating func redraw() {
        guard stageOnScreen else { return }
        let lines = board.liveLines(at: clock.now)
        var text = drawnLines > 0 ? "\u{1B}[\(drawnLines)F" : ""
        let width = TerminalInfo.width(of: STDERR_FILENO)
        for line in lines { text += "\u{1B}[2K" + Self.fit(line, width: width) + "\n" }
        drawnLines = lines.count
        output.status(text)
    }

    /// A row that wrapped would break the cursor arithmetic of the redraw: cut it to the terminal's
    /// width (dropping its colour when it must be cut).
    static func fit(_ line: String, width: Int) -> String {
        var plain = ""
        var inEscape = false
        for character in line {
            if inEscape {
                if character.isLetter { inEscape = false }
            } else if character == "\u{1B}" {
                inEscape = true
            } else {
                plain.append(character)
            }
        }
        guard plain.count >= width else { return line }
        return String(plain.prefix(max(1, width - 2))) + "…"
    }

    private mutating func endAnswerLine() {
        guard answerLineOpen else { return }
        answerLineOpen = false
        output.answer("\n")
    }

    private mutating func emit(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        endAnswerLine()
        drawnLines = 0
        output.status(lines.map { $0 + "\n" }.joined())
    }
}
