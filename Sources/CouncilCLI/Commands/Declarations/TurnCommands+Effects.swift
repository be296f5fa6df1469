import CouncilCore
import CouncilStore
import Foundation

/// What the turn commands do: run a question, replay a stored one, list and show stored turns.
extension CommandEffect {
    /// Run a question as a new turn.
    static func ask(_ question: String) -> CommandEffect {
        CommandEffect("ask(\(question))") { services, state in await services.turns.ask(question, on: &state) }
    }

    /// Turn N's prompt again, with the conversation as it stood before it, compared with the original.
    static func replay(turn number: Int) -> CommandEffect {
        CommandEffect("replay(\(number))") { services, state in
            let store = services.store, console = services.console
            guard let original = try await store.turn(session: state.session.id, number: number) else {
                return console.error("no turn \(number) in session '\(state.session.name)' (/history lists them)")
            }
            console.status("replaying turn \(number) with the current settings (tier \(state.settings.tierLabel))")
            // Like for like: the conversation as it stood before the original turn.
            let before = try await store.recentExchanges(session: state.session.id, limit: ReplServices.contextTurns,
                                                         from: state.settings.contextFromTurn, before: number)
            // Sent as stored, never read from the disk again.
            guard let outcome = await services.turns.ask(original.turn.prompt, attachments: original.attachments.map(\.attachment),
                                                         replayOf: original.turn.id, context: before, on: &state),
                  let replayed = try await store.turn(id: outcome.turn.id!) else { return }
            console.print(ReplayComparison.render(original: original, replay: replayed))
        }
    }

    /// The last prompt in `$EDITOR`; what comes back is shown, kept in the input history and sent
    /// once the user agrees.
    static let editPrompt = CommandEffect("editPrompt") { services, state in
        let console = services.console
        let before = state.lastPrompt?.trimmingCharacters(in: .whitespacesAndNewlines)
        let edited: String?
        do {
            edited = try services.editor.edit(state.lastPrompt ?? "")?.trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            return console.error("\(error) — nothing asked")
        }
        guard let text = edited, !text.isEmpty, text != before else {
            return console.status("edit left unchanged: nothing asked (/retry runs the last question again)")
        }
        services.remember(text)
        console.status("edited prompt:\n" + text)
        guard await services.confirm("send it? [Y/n] ", true) else {
            return console.status("not sent — it is in the input history (Up recalls it)")
        }
        await services.turns.ask(text, on: &state)
    }

    static let showHistory = CommandEffect("showHistory") { services, state in
        let turns = try await services.store.turns(session: state.session.id)
        guard !turns.isEmpty else { return services.console.status("no turns yet in session '\(state.session.name)'") }
        var rows = [["#", "time", "tier", "arrived", "agreement", "status", "prompt"]]
        for turn in turns {
            let agreement = turn.agreement.map { AgreementWords.figure($0) + " " + AgreementStrength($0).rawValue } ?? "–"
            rows.append(["\(turn.number)", TimeText.short(turn.started), turn.tier, "\(turn.arrived)/\(turn.asked)", agreement,
                         turn.status.rawValue + (turn.replayOf != nil ? " (replay)" : ""), TextCut.cut(turn.promptFirstLine, to: 60)])
        }
        services.console.page(Table.render(rows))
    }

    /// Turn N as stored, or only MODEL's part in it.
    static func showTurn(_ number: Int, model: ModelID? = nil) -> CommandEffect {
        CommandEffect("showTurn(\(number), \(model?.rawValue ?? "all"))") { services, state in
            let console = services.console, screen = services.screen
            guard let stored = try await services.store.turn(session: state.session.id, number: number) else {
                return console.error("no turn \(number) in session '\(state.session.name)' (/history lists them)")
            }
            guard let model else { return console.page(StoredTurnView.render(stored, style: screen.style, names: screen.names)) }
            let models = stored.turn.models.map(\.rawValue)
            guard stored.turn.models.contains(model) || stored.results.contains(where: { $0.model == model }) else {
                return console.error("\(model) took no part in turn \(number)\(WordSuggestion.hint(model.rawValue, in: models)) "
                                     + "(it asked \(models.joined(separator: ", ")))")
            }
            console.page(StoredTurnView.render(stored, only: model, style: screen.style, names: screen.names))
        }
    }
}

/// Text cut to a width for a table cell.
private enum TextCut {
    /// `text` cut to `limit` characters, ending in `…` when something was cut.
    static func cut(_ text: String, to limit: Int) -> String {
        text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }
}
