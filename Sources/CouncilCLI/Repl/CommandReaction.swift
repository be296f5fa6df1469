import CouncilCore

/// What the command handler asks the loop to do, beyond changing the state: anything that touches
/// the store, the network, the terminal or a file.
public enum CommandEffect: Sendable, Equatable {
    /// Store the session's settings (after a change of tier, models, chairman, …).
    case saveSettings
    /// Run a question as a new turn.
    case ask(String)
    case replay(turn: Int)
    case showModels
    case showStats
    case showBreakers
    case resetBreakers(ModelID?)
    case showConfig
    case showSession
    case listSessions
    case showHistory
    case showTurn(Int, model: ModelID? = nil)
    /// Turn N's final answer (or MODEL's); without N, the newest turn that has one.
    case copy(turn: Int?, model: ModelID?)
    case newSession(name: String?)
    case openSession(name: String)
    case renameSession(to: String)
    case deleteSession(name: String)
    case export(ExportFormat, file: String?)
    /// Open the last prompt in `$EDITOR` and ask what comes back.
    case editPrompt
    case exit
}

/// A line for the user: `output` goes to stdout, `status` and `error` to stderr.
public enum ReplMessage: Sendable, Equatable {
    case output(String)
    case status(String)
    case error(String)
}

/// The handler's answer to one line: the new state, the messages to print (first), then the effects
/// to perform in order.
public struct CommandReaction: Sendable, Equatable {
    public var state: ReplState
    public var messages: [ReplMessage]
    public var effects: [CommandEffect]

    public init(state: ReplState, messages: [ReplMessage] = [], effects: [CommandEffect] = []) {
        self.state = state
        self.messages = messages
        self.effects = effects
    }
}
