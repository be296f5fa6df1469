import CouncilCore

/// The council: its tier, which models sit on it, its chairman and how it runs a turn.
enum CouncilCommands {
    /// Every session setting's command, from its declaration (`SettingDeclarations`), in the order
    /// `council config` lists the settings; then the council's own.
    static let all: [SlashCommand] = SettingDeclarations.sessionScoped.compactMap(\.slashCommand)
        + [models, enable, disable, toggle, only, review, config]

    static let models = SlashCommand.effect(
        "models", usage: "/models",
        summary: "list the models, which sit on the council, their breakers and latency",
        detail: """
        Shows every model the configuration names: whether it sits on the current council (✔), its breaker,
        calls, success rate, answer latency (p50/p95), failures and unranked reviews (answered, but with no
        usable ranking: the ballot is lost, the seat kept); then the tier, chairman and mode.
        """, .showModels)

    static let enable = SlashCommand(
        name: "enable", usage: "/enable ID…", summary: "add models of the tier back to the council",
        detail: "Enables one or more models of the current tier (ids as /models lists them).",
        arguments: [.models]) { words, invocation throws(CommandError) in
        enabling(try words.modelIDs(), invocation)
    }

    static let disable = SlashCommand(
        name: "disable", usage: "/disable ID…", summary: "leave models of the tier out of the council",
        detail: "Disables one or more models of the current tier until you enable them or switch tier.",
        arguments: [.models]) { words, invocation throws(CommandError) in
        disabling(try words.modelIDs(), invocation)
    }

    static let toggle = SlashCommand(
        name: "toggle", usage: "/toggle ID", summary: "enable a disabled model or disable an enabled one",
        detail: "Flips one model of the current tier between enabled and disabled.",
        arguments: [.model]) { words, invocation throws(CommandError) in
        let id = try words.singleModelID()
        if let problem = invocation.context.problem(with: [id], toCall: false) { return invocation.fail(problem) }
        return invocation.council.contains(id) ? disabling([id], invocation) : enabling([id], invocation)
    }

    static let only = SlashCommand(
        name: "only", usage: "/only ID…", summary: "enable just these models and disable the rest",
        detail: "Enables the given models of the current tier and disables every other one.",
        arguments: [.models]) { words, invocation throws(CommandError) in
        let ids = try words.modelIDs()
        if let problem = invocation.context.problem(with: ids, toCall: true) { return invocation.fail(problem) }
        var next = invocation.state
        next.settings.disabled = Set(invocation.context.knownModels).subtracting(ids)
        next.settings.added = ids
        return invocation.saving(next, ["only: \(CommandContext.list(ids))"])
    }

    static let review = SlashCommand(
        name: "review", usage: "/review on|off", summary: "turn the peer-review stage on or off",
        detail: "With review off the chairman synthesises straight from the answers, which is faster and cheaper.",
        arguments: [.onOff]) { words, invocation throws(CommandError) in
        guard !words.atEnd else {
            return invocation.say("/review: \(invocation.state.settings.mode == .full ? "on" : "off") — choose on or off")
        }
        let on = try words.choice(of: OnOff.self, what: "review setting") == .on
        var next = invocation.state
        next.settings.choose(SettingDeclarations.mode, on ? .full : .synth)
        return invocation.saving(next, ["peer review: \(on ? "on" : "off") (mode \(next.settings.mode.rawValue))"])
    }

    static let config = SlashCommand.effect(
        "config", usage: "/config",
        summary: "show the effective configuration and where each value came from",
        detail: "Prints every setting with its source (session, flag, environment, file, default); API keys are redacted.", .showConfig)

    private static func enabling(_ ids: [ModelID], _ invocation: CommandInvocation) -> CommandReaction {
        if let problem = invocation.context.problem(with: ids, toCall: true) { return invocation.fail(problem) }
        var next = invocation.state
        let pool = invocation.context.config.tier(invocation.tier).models
        for id in ids {
            next.settings.disabled.remove(id)
            if !pool.contains(id), !next.settings.added.contains(id) { next.settings.added.append(id) }
        }
        return invocation.saving(next, ["enabled: \(CommandContext.list(ids)) — council: \(councilLine(next))"])
    }

    private static func disabling(_ ids: [ModelID], _ invocation: CommandInvocation) -> CommandReaction {
        if let problem = invocation.context.problem(with: ids, toCall: false) { return invocation.fail(problem) }
        var next = invocation.state
        for id in ids {
            next.settings.disabled.insert(id)
            next.settings.added.removeAll { $0 == id }
        }
        return invocation.saving(next, ["disabled: \(CommandContext.list(ids)) — council: \(councilLine(next))"])
    }

    /// The council's models in one line, for the confirmations and `/config`.
    static func councilLine(_ state: ReplState) -> String {
        let models = state.settings.models(for: state.settings.currentTier)
        return models.isEmpty ? "(no models enabled)" : CommandContext.list(models)
    }
}
