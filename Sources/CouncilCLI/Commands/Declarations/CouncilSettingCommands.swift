import CouncilCore

/// The session settings' commands (`/tier`, `/chairman`, `/min`, `/timeout`, `/hedge`, `/system`,
/// `/mode`): their help and confirmations. Each is named by its setting in `SettingDeclarations`,
/// which gives it its parser, its words, its display and its place in the saved session.
extension SettingCommand where Value == TierChoice {
    static let tier = SettingCommand(
        name: "tier", usage: "/tier NAME|auto", summary: "switch the council to a tier of models",
        detail: """
        Tiers are quick, balanced, high and reasoning; each has its own set of models in the
        configuration. auto picks a tier from the question. The prompt shows the current tier.
        """, what: "tier", configuredNote: nil,
        refuse: { choice, invocation in
            // Like /enable: a tier none of whose models can be called is refused, not switched to.
            guard let tier = choice.tier else { return nil }
            let context = invocation.context
            let pool = context.config.tier(tier).models
            let unreachable = pool.filter { context.unreachable[$0] != nil }
            guard unreachable.count == pool.count else { return nil }
            return "no model of tier \(tier.rawValue) can be called: " + context.reasons(unreachable)
                + " — the tier stays \(invocation.state.settings.tierLabel)"
        },
        apply: { choice, settings in _ = settings.switchTier(to: choice) },
        confirm: { choice, before, after in
            let settings = before.state.settings
            let cleared = !settings.disabled.isEmpty || !settings.added.isEmpty ? " (model toggles cleared)" : ""
            guard let tier = choice.tier else { return ["tier: auto — picked per question from its length and wording\(cleared)"] }
            let context = before.context
            let models = after.settings.models(for: tier).filter { context.unreachable[$0] == nil }
            let unreachable = context.config.tier(tier).models.filter { context.unreachable[$0] != nil }
            return ["tier: \(tier.rawValue) — \(Plural.count(models.count, "model")): \(CommandContext.list(models))\(cleared)"]
                + (unreachable.isEmpty ? [] : ["⚠ left out, cannot be called: " + context.reasons(unreachable)])
        })
}

extension SettingCommand where Value == ModelID {
    static let chairman = SettingCommand(
        name: "chairman", usage: "/chairman ID", summary: "choose the model that writes the final answer",
        detail: "The chairman reads the answers and the peer reviews and writes the synthesis (stage 3).",
        what: "model", argument: .model,
        refuse: { id, invocation in invocation.context.problem(with: [id], toCall: true) },
        confirm: { id, _, _ in ["chairman: \(id)"] })
}

extension SettingCommand where Value == Int {
    static let minResponses = SettingCommand(
        name: "min", usage: "/min N", summary: "how many answers the council waits for before moving on",
        detail: """
        Once N models have answered, the rest are cancelled (early completion). N is a positive whole
        number; it cannot usefully exceed the number of enabled models.
        """, what: "number",
        confirm: { count, _, after in
            let size = after.settings.models(for: after.settings.currentTier).count
            return ["min responses: \(count)" + (count > size
                ? " (the council has \(size); it waits for all)"
                : " — the council moves on once \(count) answers are in")]
        })
}

extension SettingCommand where Value == TimeoutChoice {
    static let timeout = SettingCommand(
        name: "timeout", usage: "/timeout SECONDS|auto", summary: "how long each model may take to answer",
        detail: """
        A model that has not answered after SECONDS (a positive number, e.g. 30 or 2.5) counts as timed out.
        auto gives each model 1.5 × its recent p95 latency in each stage (at least 5 s, at most the tier's
        timeout) once it has 20 answers stored; /models shows the timeout in force.
        """, what: "number", configuredNote: "the tier's",
        confirm: { timeout, before, _ in
            let tier = before.context.config.tier(before.tier)
            guard case .seconds(let seconds) = timeout else {
                return ["per-model timeout: auto — each model's from its recent p95 latency, at most the tier's "
                        + "\(DurationText.seconds(tier.perModelTimeout)) (/models shows them)"]
            }
            return ["per-model timeout: \(DurationText.seconds(seconds))"
                    + (seconds >= tier.budget ? " — at or above the tier's \(DurationText.seconds(tier.budget)) budget, which ends the turn first" : "")]
        })
}

extension SettingCommand where Value == HedgeChoice {
    static let hedge = SettingCommand(
        name: "hedge", usage: "/hedge off|SECONDS|auto",
        summary: "send a slow model's request once more when no first token came in time",
        detail: """
        When a model has sent no token after SECONDS, the same request is sent once more and the first
        copy to stream is kept (the other is cancelled); at most one extra request per model and stage.
        auto uses each model's recent p95 time to first token once 20 are stored; off sends none.
        """, what: "hedge delay", configuredNote: "configured; tiers and models may have their own",
        confirm: { hedge, _, _ in
            switch hedge {
            case .off: ["hedging: off — no request is sent twice"]
            case .seconds(let seconds): ["hedging: a model with no first token after \(DurationText.seconds(seconds)) gets its request sent once more"]
            case .auto: ["hedging: auto — after each model's recent p95 time to first token (/models shows them)"]
            }
        })
}

extension SettingCommand where Value == String {
    static let system = SettingCommand(
        name: "system", usage: "/system [TEXT|off]", summary: "set the system prompt every model gets in this session",
        detail: """
        /system TEXT sends TEXT as the system prompt to every model (the chairman follows its own brief
        with it); /system off sends none, whatever the configuration says. Stored with the session.
        Typed alone it shows the prompt in force.
        """, what: "text", restOfLine: true,
        shown: { invocation in
            let config = invocation.state.settings.config
            return SystemPromptText.show(CallPlanner(config: config, tier: invocation.tier).sharedSystemPrompt ?? "")
        },
        confirm: { prompt, _, _ in
            [prompt.isEmpty ? "system prompt: off — no model gets one in this session"
                : "system prompt for every model: \(SystemPromptText.show(prompt))"]
        })
}

extension SettingCommand where Value == CouncilMode {
    static let mode = SettingCommand(
        name: "mode", usage: "/mode full|synth|answers", summary: "choose what a turn prints",
        detail: """
        full: every answer, the review ranking and the synthesis. synth: only the chairman's synthesis.
        answers: only the models' answers, without review or synthesis.
        """, what: "mode", configuredNote: nil,
        confirm: { mode, _, _ in ["mode: \(mode.rawValue)"] })
}

extension SettingCommand where Value == DebateMode {
    static let debate = SettingCommand(
        name: "debate", usage: "/debate off|on|auto", summary: "let the models revise after reading each other's answers",
        detail: """
        on: after the first answers, every model that answered reads the others' (anonymised) and writes a revised
        answer; the review and the synthesis use the revised answers. auto: only when the review's agreement is
        below debate_below (default 0.5), and the review then runs again. off: no debate round.
        """, what: "debate",
        confirm: { debate, _, _ in
            switch debate {
            case .off: ["debate: off — no debate round"]
            case .on: ["debate: on — every model revises after reading the others' answers"]
            case .auto: ["debate: auto — a debate round when the reviewers are divided"]
            }
        })
}
