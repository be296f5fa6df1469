import CouncilCore
import Foundation

/// What a running turn looks like: the status board on stderr (redrawn in place on a terminal, one plain
/// line per event otherwise) and the answer on stdout, stripped of terminal control sequences.
/// Plain state, owned by the one task of a `TurnPresenter`.
public struct TurnScreen {
    private var board: StatusBoard
    /// The board is redrawn in place (a terminal), so it needs the spinner's ticks.
    let live: Bool
    private let style: Style
    private let answerStyle: Style
    private let clock: any EpochClock
    private let mode: CouncilMode
    /// The visible length of each line of the live drawing, to know how many rows it covers now.
    private var drawn: [Int] = []
    /// True while a generation or review stage is on screen and may be redrawn in place.
    private var stageOnScreen = false
    private var sanitizer = StreamSanitizer()
    private var streamed = false
    /// The streamed answer's last line has no newline yet: end it before anything else is printed.
    private var answerLineOpen = false
    /// The turn has ended: the spinner no longer redraws.
    private var turnEnded = false
    /// The chairman whose row is on screen until its first word arrives (a live board only).
    private var waitingChairman: ModelID?
    /// Breaker and key notices that came while a stage is redrawn in place: printed under it when it ends.
    private var pendingNotices: [String] = []

    private let writesAnswer: Bool
    private let output: Output
    /// Renders the answer's Markdown on a terminal; nil writes it as the model wrote it.
    private var markdown: MarkdownStream?
    private let renders: Bool
    /// Stdout is a pipe or a file: the answer is held until a chairman finishes it, so a chairman that
    /// fails mid-answer leaves no fragment there; only the final answer is written.
    private let holdsAnswer: Bool
    private var heldAnswer = ""

    init(terminal: TerminalInfo, mode: CouncilMode, presentation: Presentation = .live, limits: WaitLimits = [:],
         clock: any EpochClock = SystemClock(), output: Output = .standardStreams, names: ModelNames = ModelNames()) {
        writesAnswer = presentation != .statusOnly
        holdsAnswer = !terminal.stdoutIsTerminal
        renders = terminal.stdoutUsesColor && presentation == .live(raw: false)
        self.output = output
        // NO_COLOR takes the colour away, not the live board: cursor movement is not colour.
        live = terminal.stderrIsTerminal
        style = Style(enabled: terminal.stderrUsesColor)
        answerStyle = Style(enabled: terminal.stdoutUsesColor)
        board = StatusBoard(style: style, names: names)
        board.limits = limits
        self.clock = clock
        self.mode = mode
    }

    mutating func note(_ text: String) {
        emit([style.dim(text)])
    }

    /// The spinner's tick: the rows of a stage under way move on.
    mutating func tick() {
        guard !turnEnded else { return }
        if waitingChairman != nil { redrawChairman() } else { redraw() }
    }

    mutating func apply(_ event: CouncilEvent) {
        let now = clock.now
        let plain = board.apply(event, at: now)
        switch event {
        case .stageStarted(.synthesis, _):
            break
        case .stageStarted:
            drawn = []
            stageOnScreen = live
            if live { redraw() } else if let plain { emit([plain]) }
        case .modelFinished(.synthesis, let result):
            if !live, let plain { emit([plain]) }
            if waitingChairman == result.model {
                // It ended before writing a word: leave its outcome where its row was.
                clearChairmanRow()
                if result.outcome.completion == nil { emit([board.doneLine(result)]) }
            }
        case .modelFinished, .reviewFinished:
            if live { redraw() } else if let plain { emit([plain]) }
        case .stageFinished:
            freezeStage()
        case .aggregate, .agreement:
            // The ranking is drawn once, with its agreement below it.
            freezeStage()
            if !live { emit([plain].compactMap { $0 }) } else if case .agreement = event { emit(board.rankingLines()) }
        case .chairmanChosen:
            sanitizer.reset()  // a failed chairman may have stopped inside an escape sequence
            if let rest = markdown?.finish() { writeAnswer(rest) }
            abandonFragment()
            markdown = renders ? MarkdownStream(width: TerminalInfo.width(of: STDOUT_FILENO)) : nil
            emit(live ? [board.chairmanLines().last ?? ""] : [plain].compactMap { $0 })
            if live, writesAnswer, case .chairmanChosen(let model, _) = event {
                waitingChairman = model
                redrawChairman()
            }
        case .synthesisDelta(let delta):
            let clean = sanitizer.feed(delta)
            if !clean.isEmpty { clearChairmanRow() }
            if writesAnswer, !clean.isEmpty {
                streamed = true
                if holdsAnswer {
                    heldAnswer += clean
                } else {
                    writeAnswer(markdown != nil ? markdown!.feed(clean) : clean)
                }
            }
        case .modelHedged(let stage, let model, _):
            if !live { emit([plain].compactMap { $0 }) } else if stage != .synthesis { redraw() } else if waitingChairman == model { redrawChairman() }
        case .breakerChanged, .providerRejected:
            guard let plain else { break }
            if stageOnScreen { pendingNotices.append(plain) } else { emit([plain]) }
        case .turnFinished(let result):
            finish(result)
        case .modelProgress, .modelThinking:
            break  // the board counts them; the next tick redraws
        }
    }

    private mutating func finish(_ result: TurnResult) {
        clearChairmanRow()
        turnEnded = true
        guard writesAnswer else {
            emit([TurnFooter.line(result, style: style)])
            return
        }
        // On a pipe, a chairman's fragment is never the answer.
        if result.synthesised || !holdsAnswer { completeAnswer() }
        heldAnswer = ""
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

    /// The chairman finished its answer: the last line the renderer held back, or on a pipe the whole
    /// answer, goes out now; the footer waits for the turn's end. Calling it twice does nothing more.
    mutating func completeAnswer() {
        guard writesAnswer else { return }
        if let rest = markdown?.finish() { writeAnswer(rest) }
        markdown = nil
        if holdsAnswer, !heldAnswer.isEmpty {
            output.answer(heldAnswer.hasSuffix("\n") ? heldAnswer : heldAnswer + "\n")
            heldAnswer = ""
        }
    }

    /// The presentation ends without a turn's end (nothing replaces it): what was held goes out.
    mutating func flushHeldAnswer() {
        guard !heldAnswer.isEmpty else { return }
        output.answer(heldAnswer)
        heldAnswer = ""
    }

    /// A new chairman starts: what the one before streamed is not the answer. Held text is dropped;
    /// on a terminal, where it is already shown, a rule marks where the answer starts again.
    private mutating func abandonFragment() {
        guard streamed else { return }
        heldAnswer = ""
        if !holdsAnswer, writesAnswer {
            endAnswerLine()
            output.answer(answerStyle.yellow("── the chairman failed mid-answer: the text above is incomplete; the answer starts again below ──") + "\n")
        }
        streamed = false
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
        var clean = fresh.feed(text)
        if renders {
            var whole = MarkdownStream(width: TerminalInfo.width(of: STDOUT_FILENO))
            clean = whole.feed(clean) + whole.finish()
        }
        output.answer(clean.hasSuffix("\n") ? clean : clean + "\n")
    }

    private mutating func writeAnswer(_ text: String) {
        guard !text.isEmpty else { return }
        answerLineOpen = !text.hasSuffix("\n")
        output.answer(text)
    }

    /// Draws the stage one last time and leaves it on screen as it is.
    private mutating func freezeStage() {
        if stageOnScreen { redraw() }
        stageOnScreen = false
        drawn = []
        emit(pendingNotices)
        pendingNotices = []
    }

    /// Redraws the current stage's rows in place: cursor up over the previous drawing, clear, print.
    private mutating func redraw() {
        guard stageOnScreen else { return }
        draw(board.liveLines(at: clock.now))
    }

    /// Replaces the live drawing with `lines`, each cut to the width. After a resize to a narrower
    /// window the terminal has rewrapped the old lines onto more rows: go up over all of them and
    /// clear below, so no stale row is left above the board.
    private mutating func draw(_ lines: [String]) {
        let width = max(1, output.width())
        let rows = drawn.reduce(0) { $0 + max(1, ($1 + width - 1) / width) }
        var text = rows > 0 ? "\u{1B}[\(rows)F\u{1B}[J" : ""
        drawn = []
        for line in lines {
            let fitted = Self.fit(line, width: width)
            text += fitted + "\n"
            drawn.append(Self.visibleLength(fitted))
        }
        output.status(text)
    }

    /// A row that wrapped would break the cursor arithmetic of the redraw: cut it to the terminal's
    /// width (dropping its colour when it must be cut).
    static func fit(_ line: String, width: Int) -> String {
        let plain = visible(line)
        guard plain.count >= width else { return line }
        return String(plain.prefix(max(1, width - 2))) + "…"
    }

    /// `line` without its escape sequences: what takes room on the screen.
    static func visible(_ line: String) -> String {
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
        return plain
    }

    static func visibleLength(_ line: String) -> Int { visible(line).count }

    /// The chairman's row, redrawn in place: spinner, time against its limit, reasoning received.
    private mutating func redrawChairman() {
        guard let model = waitingChairman, let line = board.chairmanWaitLine(model, at: clock.now) else { return }
        draw([line])
    }

    /// Takes the chairman's row off the screen: its answer is written where the row was.
    private mutating func clearChairmanRow() {
        guard waitingChairman != nil else { return }
        waitingChairman = nil
        draw([])
    }

    private mutating func endAnswerLine() {
        guard answerLineOpen else { return }
        answerLineOpen = false
        output.answer("\n")
    }

    private mutating func emit(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        let chairman = waitingChairman
        clearChairmanRow()
        defer {
            waitingChairman = chairman
            redrawChairman()
        }
        endAnswerLine()
        drawn = []
        output.status(lines.map { $0 + "\n" }.joined())
    }
}
