import CouncilCore
import CouncilStore
import Foundation

/// Carries out what the command handler asks for: the store, turns, the editor and the screen.
/// Errors are reported on the console as they are, never turned into "not found".
struct ReplEffects {
    let runtime: CouncilRuntime
    let console: Console
    /// Asks a yes/no question at the prompt; the answer when the user just presses Enter comes second.
    let confirm: @Sendable (_ question: String, _ byDefault: Bool) async -> Bool
    /// Adds an entry to the input history (a prompt written in the editor).
    var remember: @Sendable (String) -> Void = { _ in }
    var editor = ExternalEditor()
    var clipboard = Clipboard()

    var store: CouncilStore { runtime.store }
    /// Exchanges read back as context; the context budget trims them further, by tokens.
    static let contextTurns = 200

    /// Performs one effect on `state`; returns false when the REPL should end.
    func perform(_ effect: CommandEffect, on state: inout ReplState) async -> Bool {
        do {
            switch effect {
            case .exit: return false
            case .saveSettings: try await store.updateSettings(session: state.session.id, state.settings.saved)
            case .ask(let question): await ask(question, on: &state)
            case .replay(let number): try await replay(number, on: &state)
            case .showModels:
                await runtime.refreshBreakers()
                try await showModels(state)
            case .showStats:
                let table = UsageTable(prices: runtime.config.models.compactMapValues(\.price), names: ModelNames(config: runtime.config))
                console.print(table.render(session: try await store.usageRows(session: state.session.id), all: try await store.usageRows()))
                try await showLatency()
            case .showBreakers:
                await runtime.refreshBreakers()
                await showBreakers()
            case .resetBreakers(let model):
                await runtime.breakers.reset(model)
                let everyModel = Set(await runtime.breakers.snapshot().keys)
                await runtime.saveBreakers(reset: model.map { [$0] } ?? everyModel)
            case .showConfig: showConfig(state)
            case .showSession: try await showSession(state)
            case .listSessions: try await listSessions(state)
            case .showHistory: try await showHistory(state)
            case .showTurn(let number, let model): try await showTurn(number, model: model, state)
            case .copy(let number, let model): try await copy(number, model: model, state)
            case .newSession(let name): try await newSession(name, on: &state)
            case .openSession(let name): try await openSession(name, on: &state)
            case .renameSession(let name):
                try await store.renameSession(id: state.session.id, to: name)
                state.session.name = name
                console.status("session renamed to '\(name)'")
            case .deleteSession(let name): try await deleteSession(name)
            case .export(let format, let file): try await export(format, to: file, state)
            case .editPrompt: await edit(on: &state)
            }
        } catch {
            console.error("\(UserPath.describe(error))")
        }
        return true
    }

    /// The state of a session as stored: its settings, its conversation since the last `/clear`,
    /// its last prompt and turn number.
    func opening(_ record: SessionRecord) async throws -> ReplState {
        guard let id = record.id else { throw CLIError.message("session '\(record.name)' is not stored") }
        let settings = SessionState(config: runtime.config, saved: record.settings)
        let history = try await store.recentExchanges(session: id, limit: Self.contextTurns, from: settings.contextFromTurn)
        let last = try await store.turns(session: id).last
        let lastPrompt = try await last.asyncMap { try await store.turn(id: $0.id)?.turn.prompt } ?? nil
        return ReplState(session: OpenSession(id: id, name: record.name), settings: settings, history: history,
                         lastPrompt: lastPrompt, lastTurnNumber: last?.number)
    }

    /// Runs a question as a new turn. The conversation is read back from the store afterwards, so
    /// an answered retry or replay takes the place of the exchange it repeats, as on reopening.
    @discardableResult
    func ask(_ question: String, replayOf: Int64? = nil, context: [ConversationTurn]? = nil,
             on state: inout ReplState) async -> TurnRunner.Outcome? {
        state.lastPrompt = question
        do {
            let outcome = try await TurnRunner(runtime: runtime).run(question, session: state.session.id, state: state.settings,
                                                                     history: context ?? state.history, replayOf: replayOf,
                                                                     presentation: .live(raw: state.rawOutput))
            state.lastTurnNumber = outcome.turn.number
            state.history = try await store.recentExchanges(session: state.session.id, limit: Self.contextTurns,
                                                            from: state.settings.contextFromTurn)
            return outcome
        } catch {
            console.error("\(error)")
            return nil
        }
    }

    private func replay(_ number: Int, on state: inout ReplState) async throws {
        guard let original = try await store.turn(session: state.session.id, number: number) else {
            return console.error("no turn \(number) in session '\(state.session.name)' (/history lists them)")
        }
        console.status("replaying turn \(number) with the current settings (tier \(state.settings.tierLabel))")
        // Like for like: the conversation as it stood before the original turn.
        let before = try await store.recentExchanges(session: state.session.id, limit: Self.contextTurns,
                                                     from: state.settings.contextFromTurn, before: number)
        guard let outcome = await ask(original.turn.prompt, replayOf: original.turn.id, context: before, on: &state),
              let replayed = try await store.turn(id: outcome.turn.id!) else { return }
        console.print(ReplayComparison.render(original: original, replay: replayed))
    }

    /// The last prompt in `$EDITOR`; what comes back is shown, kept in the input history and sent
    /// once the user agrees.
    private func edit(on state: inout ReplState) async {
        let before = state.lastPrompt?.trimmingCharacters(in: .whitespacesAndNewlines)
        let edited: String?
        do {
            edited = try editor.edit(state.lastPrompt ?? "")?.trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            return console.error("\(error) — nothing asked")
        }
        guard let text = edited, !text.isEmpty, text != before else {
            return console.status("edit left unchanged: nothing asked (/retry runs the last question again)")
        }
        remember(text)
        console.status("edited prompt:\n" + text)
        guard await confirm("send it? [Y/n] ", true) else {
            return console.status("not sent — it is in the input history (Up recalls it)")
        }
        await ask(text, on: &state)
    }

    private func showConfig(_ state: ReplState) {
        let settings = state.settings
        console.page(ConfigRenderer.render(runtime.setup, loaded: runtime.loaded) + "\n"
                     + "session '\(state.session.name)' overrides: tier \(settings.tierLabel), "
                      + "chairman \(settings.chairman?.rawValue ?? "(configured)"), mode \(settings.mode.rawValue), "
                      + "min responses \(settings.minResponses.map(String.init) ?? "(configured)"), "
                      + "timeout \(settings.timeout?.description ?? "(tier's)"), "
                      + "council: \(CommandHandler(context: CommandContext(runtime: runtime)).councilLine(state))")
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
