import CouncilCore
import CouncilStore
import Foundation

/// What the commands' effects work with, split into the narrow services each takes: the store, the
/// screen, the turn runner, the breakers, the clipboard and the editor. Errors are reported on the
/// console as they are, never turned into "not found".
struct ReplServices: Sendable {
    let store: CouncilStore
    let screen: ReplScreen
    let turns: TurnAsker
    let breakers: SharedBreakers
    /// The models the user may name and why some cannot be called.
    let models: CommandContext
    /// The configuration as loaded, for `/config`.
    let loaded: LoadedConfig
    let setup: CouncilSetup
    /// Asks a yes/no question at the prompt; the answer when the user just presses Enter comes second.
    let confirm: @Sendable (_ question: String, _ byDefault: Bool) async -> Bool
    /// Adds an entry to the input history (a prompt written in the editor).
    var remember: @Sendable (String) -> Void = { _ in }
    var editor = ExternalEditor()
    var clipboard = Clipboard()

    init(runtime: CouncilRuntime, console: Console, confirm: @escaping @Sendable (_ question: String, _ byDefault: Bool) async -> Bool) {
        store = runtime.store
        screen = ReplScreen(console: console, colour: runtime.terminal.stdoutUsesColor, names: ModelNames(config: runtime.config))
        turns = TurnAsker(runner: TurnRunner(runtime: runtime), store: runtime.store, console: console)
        breakers = runtime.sharedBreakers
        models = CommandContext(runtime: runtime)
        loaded = runtime.loaded
        setup = runtime.setup
        self.confirm = confirm
    }

    var console: Console { screen.console }

    /// Exchanges read back as context; the context budget trims them further, by tokens.
    static let contextTurns = 200

    /// Performs one effect on `state`; returns false when the REPL should end.
    func perform(_ effect: CommandEffect, on state: inout ReplState) async -> Bool {
        do {
            try await effect.perform(self, &state)
        } catch {
            console.error("\(UserPath.describe(error))")
        }
        return !effect.endsRepl
    }

    /// The state of a session as stored: its settings, its conversation since the last `/clear`,
    /// its last prompt and turn number.
    func opening(_ record: SessionRecord) async throws -> ReplState {
        guard let id = record.id else { throw CLIError.message("session '\(record.name)' is not stored") }
        let settings = SessionState(config: setup.config, saved: record.settings)
        let history = try await store.recentExchanges(session: id, limit: Self.contextTurns, from: settings.contextFromTurn)
        let last = try await store.turns(session: id).last
        let lastPrompt = try await last.asyncMap { try await store.turn(id: $0.id)?.turn.prompt } ?? nil
        return ReplState(session: OpenSession(id: id, name: record.name), settings: settings, history: history,
                         lastPrompt: lastPrompt, lastTurnNumber: last?.number)
    }
}

/// Where effects write: the console, with the colour and model names they lay text out with.
struct ReplScreen: Sendable {
    let console: Console
    let colour: Bool
    let names: ModelNames

    var style: Style { Style(enabled: colour) }
}

/// Runs a question as a new turn of the open session. The conversation is read back from the store
/// afterwards, so an answered retry or replay takes the place of the exchange it repeats, as on reopening.
struct TurnAsker: Sendable {
    let runner: TurnRunner
    let store: CouncilStore
    let console: Console

    /// `attachments`: what a replay sends again as stored; nil for a new question, which takes what
    /// `/file` attached (kept when the question is refused, gone once it is asked).
    @discardableResult
    func ask(_ question: String, attachments: [Attachment]? = nil, replayOf: Int64? = nil, context: [ConversationTurn]? = nil,
             on state: inout ReplState) async -> TurnRunner.Outcome? {
        state.lastPrompt = question
        do {
            let outcome = try await runner.run(question, attachments: attachments ?? state.attachments, session: state.session.id,
                                               state: state.settings, history: context ?? state.history, replayOf: replayOf,
                                               presentation: .live(raw: state.rawOutput))
            if attachments == nil { state.attachments = [] }
            state.lastTurnNumber = outcome.turn.number
            state.history = try await store.recentExchanges(session: state.session.id, limit: ReplServices.contextTurns,
                                                            from: state.settings.contextFromTurn)
            return outcome
        } catch {
            console.error("\(error)")
            return nil
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
