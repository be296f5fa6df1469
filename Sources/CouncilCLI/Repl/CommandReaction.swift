import CouncilCore

/// What a command asks the loop to do beyond changing the state: anything that touches the store,
/// the network, the terminal or a file. Each command declares its own beside it (`.showModels`,
/// `.showTurn(2)`); two are equal when they say the same, which is what the handler's tests compare.
public struct CommandEffect: Sendable, Equatable, CustomStringConvertible {
    /// What it does, with its arguments: `showTurn(2, bravo)`.
    public let description: String
    /// Whether the REPL ends after it (`/exit`).
    let endsRepl: Bool
    let perform: @Sendable (ReplServices, inout ReplState) async throws -> Void

    init(_ description: String, endsRepl: Bool = false,
         perform: @escaping @Sendable (ReplServices, inout ReplState) async throws -> Void) {
        self.description = description
        self.endsRepl = endsRepl
        self.perform = perform
    }

    public static func == (lhs: CommandEffect, rhs: CommandEffect) -> Bool { lhs.description == rhs.description }

    /// Store the session's settings (after a change of tier, models, chairman, …).
    static let saveSettings = CommandEffect("saveSettings") { services, state in
        try await services.store.updateSettings(session: state.session.id, state.settings.saved)
    }
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
