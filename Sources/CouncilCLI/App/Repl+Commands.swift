import CouncilCore
import CouncilStore
import Foundation

/// Slash commands: each change is confirmed in one line; a bad argument says what is valid.
extension Repl {
    func perform(_ command: Command) async {
        let out = Console()
        switch command {
        case .tier(let choice):
            let cleared = state.switchTier(to: choice)
            await saveSettings()
            let note = cleared ? " (model toggles cleared)" : ""
            if let tier = state.tier.tier {
                let models = state.models(for: tier, config: runtime.config)
                out.status("tier: \(tier.rawValue) — \(models.count) model\(models.count == 1 ? "" : "s"): \(models.map(\.rawValue).joined(separator: ", "))\(note)")
            } else {
                out.status("tier: auto — picked per question from its length and wording\(note)")
            }
        case .models:
            await showModels()
        case .enable(let ids):
            guard let ids = validated(ids) else { return }
            for id in ids {
                state.disabled.remove(id)
                if !runtime.config.tier(currentTier).models.contains(id), !state.added.contains(id) { state.added.append(id) }
            }
            await saveSettings()
            out.status("enabled: \(ids.map(\.rawValue).joined(separator: ", ")) — council: \(councilLine)")
        case .disable(let ids):
            guard let ids = validated(ids, toCall: false) else { return }
            for id in ids {
                state.disabled.insert(id)
                state.added.removeAll { $0 == id }
            }
            await saveSettings()
            out.status("disabled: \(ids.map(\.rawValue).joined(separator: ", ")) — council: \(councilLine)")
        case .toggle(let id):
            guard let id = validated([id], toCall: false)?.first else { return }
            let isOn = state.models(for: currentTier, config: runtime.config).contains(id)
            await perform(isOn ? .disable([id]) : .enable([id]))
        case .only(let ids):
            guard let ids = validated(ids) else { return }
            state.disabled = Set(runtime.knownModels).subtracting(ids)
            state.added = ids
            await saveSettings()
            out.status("only: \(ids.map(\.rawValue).joined(separator: ", "))")
        case .chairman(let id):
            guard let id = validated([id])?.first else { return }
            state.chairman = id
            state.chose(.chairman)
            await saveSettings()
            out.status("chairman: \(id)")
        case .minResponses(let count):
            state.minResponses = count
            state.chose(.minResponses)
            await saveSettings()
            let size = state.models(for: currentTier, config: runtime.config).count
            out.status("min responses: \(count)" + (count > size ? " (the council has \(size); it waits for all)" : " — the council moves on once \(count) answers are in"))
        case .timeout(let seconds):
            state.timeout = TimeoutSeconds.duration(seconds)
            state.chose(.timeout)
            await saveSettings()
            let budget = runtime.config.tier(currentTier).budget
            out.status("per-model timeout: \(seconds.formatted()) s"
                       + (seconds >= budget.seconds ? " — at or above the tier's \(StatusBoard.seconds(budget)) budget, which ends the turn first" : ""))
        case .review(let on):
            state.mode = on ? .full : .synth
            state.chose(.mode)
            await saveSettings()
            out.status("peer review: \(on ? "on" : "off") (mode \(state.mode.rawValue))")
        case .mode(let mode):
            state.mode = mode
            state.chose(.mode)
            await saveSettings()
            out.status("mode: \(state.mode.rawValue)")
        case .breakers:
            await showBreakers()
        case .resetBreakers(let model):
            if let model, validated([model], toCall: false) == nil { return }
            await runtime.breakers.reset(model)
            await runtime.saveBreakers()
            out.status(model.map { "breaker reset: \($0)" } ?? "all breakers reset")
        case .clear:
            history = []
            state.contextFromTurn = ((try? await runtime.store.turns(session: session.id!).last?.number) ?? 0) + 1
            await saveSettings()
            out.status("context cleared: the next question starts a fresh conversation (earlier turns stay in the session)")
        case .config:
            out.print(ConfigRenderer.render(runtime.setup, loaded: runtime.loaded))
            out.print("session '\(session.name)' overrides: tier \(state.tierLabel), chairman \(state.chairman?.rawValue ?? "(configured)"), "
                      + "mode \(state.mode.rawValue), min responses \(state.minResponses.map(String.init) ?? "(configured)"), "
                      + "timeout \(state.timeout.map { StatusBoard.seconds($0) } ?? "(tier's)"), council: \(councilLine)")
        case .help(let topic):
            if let topic, let help = CommandCatalog.help(for: topic) {
                out.print(help.fullText)
            } else {
                out.print(CommandCatalog.overview())
            }
        case .exit:
            break
        case .session(let action):
            await performSession(action)
        case .sessions:
            await listSessions()
        case .history:
            await showHistory()
        case .show(let number):
            await show(number)
        case .replay(let number):
            await replay(number)
        case .retry:
            guard let last = try? await runtime.store.turns(session: session.id!).last else {
                out.error("nothing to retry yet: this session has no turns")
                return
            }
            await replay(last.number)
        case .export(let format, let file):
            await export(format, to: file)
        case .stats:
            await showModels()
        case .edit:
            guard let text = ExternalEditor().edit(lastPrompt ?? ""), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                  text.trimmingCharacters(in: .whitespacesAndNewlines) != lastPrompt?.trimmingCharacters(in: .whitespacesAndNewlines) else {
                out.status("edit left unchanged: nothing asked (/retry runs the last question again)")
                return
            }
            out.status("asking:\n" + text)
            await ask(text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    var currentTier: Tier { state.tier.tier ?? runtime.config.baseTier }

    var councilLine: String {
        let models = state.models(for: currentTier, config: runtime.config)
        return models.isEmpty ? "(no models enabled)" : models.map(\.rawValue).joined(separator: ", ")
    }

    /// Model ids the program knows; an unknown one gets the nearest suggestion and nothing changes.
    func validated(_ ids: [ModelID], toCall: Bool = true) -> [ModelID]? {
        let known = runtime.knownModels
        for id in ids where !known.contains(id) {
            let suggestion = CommandParser.nearest(id.rawValue, in: known.map(\.rawValue)).map { " — did you mean \($0)?" } ?? ""
            Console().error("unknown model '\(id)'\(suggestion) (/models lists them)")
            return nil
        }
        if toCall, let unreachable = ids.first(where: { runtime.setup.routes[$0] == nil }) {
            let reason = runtime.setup.excluded.first { $0.model == unreachable }?.reason ?? "no provider can reach it"
            Console().error("\(unreachable) cannot be called: \(reason)")
            return nil
        }
        return ids
    }
}
