import CouncilCore

/// The REPL's slash commands as a pure function: a line and the state in, the new state, the
/// messages and the effects out. No terminal, store or network in here, so every command's effect
/// is tested directly; `ReplEffects` carries the effects out.
public struct CommandHandler: Sendable {
    public let context: CommandContext

    public init(context: CommandContext) { self.context = context }

    /// A line typed at the prompt: a slash command, or a question for the council.
    public func handle(line: String, _ state: ReplState) -> CommandReaction {
        let line = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !line.isEmpty else { return CommandReaction(state: state) }
        // `//etc/hosts: what is this?` asks `/etc/hosts: what is this?`.
        if line.hasPrefix("//") { return CommandReaction(state: state, effects: [.ask(String(line.dropFirst()))]) }
        guard CommandParser.isCommand(line) else { return CommandReaction(state: state, effects: [.ask(line)]) }
        switch CommandParser.parse(line) {
        case .success(let command):
            return handle(command, state)
        case .failure(let error):
            return CommandReaction(state: state, messages: [.error(error.message)])
        }
    }

    public func handle(_ command: Command, _ state: ReplState) -> CommandReaction {
        var reaction = CommandReaction(state: state)
        var next: ReplState {
            get { reaction.state }
            set { reaction.state = newValue }
        }
        func say(_ text: String) { reaction.messages.append(.status(text)) }
        func fail(_ text: String) -> CommandReaction { CommandReaction(state: state, messages: [.error(text)]) }
        func saved() -> CommandReaction { reaction.effects.append(.saveSettings); return reaction }

        switch command {
        case .tier(let choice):
            if let tier = choice.tier {
                // Like /enable: a tier none of whose models can be called is refused, not switched to.
                let pool = context.config.tier(tier).models
                let unreachable = pool.filter { context.unreachable[$0] != nil }
                if unreachable.count == pool.count {
                    return fail("no model of tier \(tier.rawValue) can be called: " + reasons(unreachable) + " — the tier stays \(state.settings.tierLabel)")
                }
                let cleared = next.settings.switchTier(to: choice) ? " (model toggles cleared)" : ""
                let models = next.settings.models(for: tier, config: context.config).filter { context.unreachable[$0] == nil }
                say("tier: \(tier.rawValue) — \(Plural.count(models.count, "model")): \(Self.list(models))\(cleared)")
                if !unreachable.isEmpty { say("⚠ left out, cannot be called: " + reasons(unreachable)) }
            } else {
                let cleared = next.settings.switchTier(to: choice) ? " (model toggles cleared)" : ""
                say("tier: auto — picked per question from its length and wording\(cleared)")
            }
            return saved()
        case .models:
            return CommandReaction(state: state, effects: [.showModels])
        case .stats:
            return CommandReaction(state: state, effects: [.showStats])
        case .enable(let ids):
            if let problem = problem(with: ids, toCall: true) { return fail(problem) }
            let pool = context.config.tier(currentTier(state)).models
            for id in ids {
                next.settings.disabled.remove(id)
                if !pool.contains(id), !next.settings.added.contains(id) { next.settings.added.append(id) }
            }
            say("enabled: \(Self.list(ids)) — council: \(councilLine(next))")
            return saved()
        case .disable(let ids):
            if let problem = problem(with: ids, toCall: false) { return fail(problem) }
            for id in ids {
                next.settings.disabled.insert(id)
                next.settings.added.removeAll { $0 == id }
            }
            say("disabled: \(Self.list(ids)) — council: \(councilLine(next))")
            return saved()
        case .toggle(let id):
            if let problem = problem(with: [id], toCall: false) { return fail(problem) }
            let isOn = council(state).contains(id)
            return handle(isOn ? .disable([id]) : .enable([id]), state)
        case .only(let ids):
            if let problem = problem(with: ids, toCall: true) { return fail(problem) }
            next.settings.disabled = Set(context.knownModels).subtracting(ids)
            next.settings.added = ids
            say("only: \(Self.list(ids))")
            return saved()
        case .chairman(let id):
            if let problem = problem(with: [id], toCall: true) { return fail(problem) }
            next.settings.chairman = id
            next.settings.chose(.chairman)
            say("chairman: \(id)")
            return saved()
        case .minResponses(let count):
            next.settings.minResponses = count
            next.settings.chose(.minResponses)
            let size = council(next).count
            say("min responses: \(count)" + (count > size
                ? " (the council has \(size); it waits for all)"
                : " — the council moves on once \(count) answers are in"))
            return saved()
        case .timeout(let timeout):
            next.settings.timeout = timeout
            next.settings.chose(.timeout)
            let tier = context.config.tier(currentTier(state))
            guard case .seconds(let seconds) = timeout else {
                say("per-model timeout: auto — each model's from its recent p95 latency, at most the tier's "
                    + "\(DurationText.seconds(tier.perModelTimeout)) (/models shows them)")
                return saved()
            }
            say("per-model timeout: \(DurationText.seconds(seconds))"
                + (seconds >= tier.budget ? " — at or above the tier's \(DurationText.seconds(tier.budget)) budget, which ends the turn first" : ""))
            return saved()
        case .hedge(let hedge):
            next.settings.hedgeAfter = hedge
            next.settings.chose(.hedgeAfter)
            switch hedge {
            case .off: say("hedging: off — no request is sent twice")
            case .seconds(let seconds): say("hedging: a model with no first token after \(DurationText.seconds(seconds)) gets its request sent once more")
            case .auto: say("hedging: auto — after each model's recent p95 time to first token (/models shows them)")
            }
            return saved()
        case .systemPrompt(let prompt):
            next.settings.systemPrompt = prompt
            next.settings.chose(.systemPrompt)
            say(prompt.isEmpty ? "system prompt: off — no model gets one in this session"
                : "system prompt for every model: \(SystemPromptText.show(prompt))")
            return saved()
        case .review(let on):
            next.settings.mode = on ? .full : .synth
            next.settings.chose(.mode)
            say("peer review: \(on ? "on" : "off") (mode \(next.settings.mode.rawValue))")
            return saved()
        case .mode(let mode):
            next.settings.mode = mode
            next.settings.chose(.mode)
            say("mode: \(mode.rawValue)")
            return saved()
        case .breakers:
            return CommandReaction(state: state, effects: [.showBreakers])
        case .resetBreakers(let model):
            if let model, let problem = problem(with: [model], toCall: false) { return fail(problem) }
            say(model.map { "breaker reset: \($0)" } ?? "all breakers reset")
            reaction.effects = [.resetBreakers(model)]
            return reaction
        case .clear:
            next.history = []
            next.settings.contextFromTurn = (state.lastTurnNumber ?? 0) + 1
            say("context cleared: the next question starts a fresh conversation (earlier turns stay in the session)")
            return saved()
        case .config:
            return CommandReaction(state: state, effects: [.showConfig])
        case .help(let topic):
            let text = topic.map { CommandCatalog.help(for: $0).fullText } ?? CommandCatalog.overview(width: context.width)
            return CommandReaction(state: state, messages: [.output(text)])
        case .exit:
            return CommandReaction(state: state, effects: [.exit])
        case .session(let action):
            return session(action, state)
        case .sessions:
            return CommandReaction(state: state, effects: [.listSessions])
        case .history:
            return CommandReaction(state: state, effects: [.showHistory])
        case .show(let number, let model):
            guard let number = number ?? state.lastTurnNumber else { return fail("no turns yet in session '\(state.session.name)'") }
            return CommandReaction(state: state, effects: [.showTurn(number, model: model)])
        case .replay(let number):
            guard let number = number ?? state.lastTurnNumber else { return fail("nothing to replay yet: this session has no turns") }
            return CommandReaction(state: state, effects: [.replay(turn: number)])
        case .retry:
            guard let last = state.lastTurnNumber else { return fail("nothing to retry yet: this session has no turns") }
            return CommandReaction(state: state, effects: [.replay(turn: last)])
        case .export(let format, let file):
            return CommandReaction(state: state, effects: [.export(format, file: file)])
        case .edit:
            return CommandReaction(state: state, effects: [.editPrompt])
        case .copy(let number, let model):
            guard number != nil || state.lastTurnNumber != nil else { return fail("nothing to copy yet: this session has no turns") }
            return CommandReaction(state: state, effects: [.copy(turn: number, model: model)])
        case .raw(let on):
            next.rawOutput = on ?? !state.rawOutput
            say(next.rawOutput ? "raw: on — answers are printed as the model wrote them"
                               : "raw: off — answers are rendered (Markdown) on a terminal")
            return reaction
        case .showSetting(let name):
            return CommandReaction(state: state, messages: [.status(setting(name, state))])
        }
    }

    private func session(_ action: SessionAction, _ state: ReplState) -> CommandReaction {
        func fail(_ text: String) -> CommandReaction { CommandReaction(state: state, messages: [.error(text)]) }
        switch action {
        case .show:
            return CommandReaction(state: state, effects: [.showSession])
        case .new(let name):
            if let name, SessionNames.problem(with: name) != nil { return fail(SessionNames.problem(with: name)!) }
            return CommandReaction(state: state, effects: [.newSession(name: name.map(SessionNames.trimmed))])
        case .open(let name):
            return CommandReaction(state: state, effects: [.openSession(name: name)])
        case .rename(let name):
            if let problem = SessionNames.problem(with: name) { return fail(problem) }
            return CommandReaction(state: state, effects: [.renameSession(to: SessionNames.trimmed(name))])
        case .delete(let name):
            guard name != state.session.name else {
                return fail("'\(name)' is the open session; open another one first (/session open NAME or /session new)")
            }
            return CommandReaction(state: state, effects: [.deleteSession(name: name)])
        }
    }

    /// What a setting command typed alone shows: the value in force, and how to change it.
    private func setting(_ name: CommandName, _ state: ReplState) -> String {
        let settings = state.settings, config = context.config
        let value: String
        var change = "usage: " + CommandCatalog.help(for: name).usage
        switch name {
        case .tier:
            value = settings.tierLabel
            change = "choose one of " + TierChoice.allCases.map(\.description).joined(separator: ", ")
        case .mode:
            value = settings.mode.rawValue
            change = "choose one of " + CouncilMode.allCases.map(\.rawValue).joined(separator: ", ")
        case .system:
            let configured = CallPlanner(config: config, tier: currentTier(state), sessionSystemPrompt: nil).sharedSystemPrompt
            value = settings.systemPrompt.map(SystemPromptText.show) ?? "\(SystemPromptText.show(configured ?? "")) (configured)"
        case .review:
            value = settings.mode == .full ? "on" : "off"
            change = "choose on or off"
        case .chairman:
            value = settings.chairman.map { "\($0)" } ?? "\(config.chairman) (configured)"
        case .min:
            value = settings.minResponses.map(String.init) ?? "\(config.minResponses) (configured)"
        case .timeout:
            value = settings.timeout?.description ?? "\(config.tier(currentTier(state)).timeout) (the tier's)"
        case .hedge:
            value = settings.hedgeAfter.map { "\($0)" } ?? "\(config.hedgeAfter) (configured; tiers and models may have their own)"
        default:
            return CommandCatalog.help(for: name).usage
        }
        return "/\(name): \(value) — \(change)"
    }

    /// Why these ids cannot be used, if one is unknown (with the nearest suggestion) or, when it is
    /// to be called, cannot be reached.
    private func problem(with ids: [ModelID], toCall: Bool) -> String? {
        let known = context.knownModels
        if let unknown = ids.first(where: { !known.contains($0) }) {
            return "unknown model '\(unknown)'\(WordSuggestion.hint(unknown.rawValue, in: known.map(\.rawValue))) (/models lists them)"
        }
        if toCall, let unreachable = ids.first(where: { context.unreachable[$0] != nil }) {
            return "\(unreachable) cannot be called: \(context.unreachable[unreachable]!)"
        }
        return nil
    }

    /// `a, b (no key: set X); c (provider 'p' is not configured)`: models grouped by reason.
    private func reasons(_ models: [ModelID]) -> String {
        Dictionary(grouping: models) { context.unreachable[$0] ?? "" }
            .sorted { $0.key < $1.key }
            .map { reason, models in "\(Self.list(models)) (\(reason))" }
            .joined(separator: "; ")
    }

    func currentTier(_ state: ReplState) -> Tier { state.settings.tier.tier ?? context.config.baseTier }

    private func council(_ state: ReplState) -> [ModelID] {
        state.settings.models(for: currentTier(state), config: context.config)
    }

    func councilLine(_ state: ReplState) -> String {
        let models = council(state)
        return models.isEmpty ? "(no models enabled)" : Self.list(models)
    }

    static func list(_ models: [ModelID]) -> String { models.map(\.rawValue).joined(separator: ", ") }
}
