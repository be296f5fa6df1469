import CouncilCore
import Foundation

/// Shows a running turn. One task owns the `TurnScreen` and takes everything it draws — the council's
/// events, notes, the spinner's ticks — from one stream, in order; nothing else touches the screen.
struct TurnPresenter: Sendable {
    private enum Input: Sendable {
        case event(CouncilEvent)
        case note(String)
        case answerComplete
        case tick
    }

    /// How often a live board's spinner moves.
    static let tickInterval: Duration = .milliseconds(100)

    private let inputs: AsyncStream<Input>.Continuation
    private let screen: Task<Void, Never>
    /// Sends ticks while the board is live; it holds no state of its own.
    private let ticker: Task<Void, Never>?

    init(terminal: TerminalInfo, mode: CouncilMode, presentation: Presentation = .live, limits: WaitLimits = [:],
         output: TurnScreen.Output = .standardStreams, names: ModelNames = ModelNames()) {
        let (stream, inputs) = AsyncStream.makeStream(of: Input.self)
        let drawing = TurnScreen(terminal: terminal, mode: mode, presentation: presentation, limits: limits, output: output,
                                 names: names)
        self.inputs = inputs
        ticker = drawing.live ? Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.tickInterval)
                inputs.yield(.tick)
            }
        } : nil
        screen = Task {
            var drawing = drawing
            for await input in stream {
                switch input {
                case .event(let event): drawing.apply(event)
                case .note(let text): drawing.note(text)
                case .answerComplete: drawing.completeAnswer()
                case .tick: drawing.tick()
                }
            }
            drawing.flushHeldAnswer()
        }
    }

    func handle(_ event: CouncilEvent) { inputs.yield(.event(event)) }

    func note(_ text: String) { inputs.yield(.note(text)) }

    /// The chairman's answer is whole (its result is being stored): its held last line can go out.
    func completeAnswer() { inputs.yield(.answerComplete) }

    /// Stops the spinner and returns once everything sent so far is on the screen.
    func finish() async {
        ticker?.cancel()
        inputs.finish()
        await screen.value
    }
}
