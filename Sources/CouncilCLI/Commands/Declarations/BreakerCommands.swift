import CouncilCore

/// The circuit breakers: what each model's says, and closing them again.
enum BreakerCommands {
    static let all: [SlashCommand] = [breakers]

    static let breakers = SlashCommand(
        name: "breakers", usage: "/breakers [reset [ID]]", summary: "show circuit breakers, or reset them",
        detail: """
        A model that keeps failing (timeouts, 5xx, 429, refused or cut connections, malformed bodies; not a
        rejected key or an unknown model) is skipped for a while by its circuit breaker. /breakers shows each
        model's breaker and its live window; /breakers reset closes them all, /breakers reset ID closes one.
        Scripts: council breakers [list|reset [ID]].
        """,
        arguments: [.fixed(["reset"], following: ["reset": [.model]])]) { words, invocation throws(CommandError) in
        guard let action = words.next() else { return invocation.perform(.showBreakers) }
        guard action.lowercased() == "reset" else {
            throw .invalidChoice(what: "/breakers action", value: action, valid: ["reset"])
        }
        let model = words.next().map { ModelID($0) }
        try words.expectEnd()
        if let model, let problem = invocation.context.problem(with: [model], toCall: false) { return invocation.fail(problem) }
        var reaction = invocation.perform(.resetBreakers(model))
        reaction.messages = [.status(model.map { "breaker reset: \($0)" } ?? "all breakers reset")]
        return reaction
    }
}

extension CommandEffect {
    static let showBreakers = CommandEffect("showBreakers") { services, _ in
        await services.breakers.refresh()
        let unreachable = services.models.unreachable
        services.console.print(Table.render(await services.breakers.rows(skipping: unreachable)))
        if let line = UnreachableSummary.line(unreachable) { services.console.status(line) }
    }

    static func resetBreakers(_ model: ModelID?) -> CommandEffect {
        CommandEffect("resetBreakers(\(model?.rawValue ?? "all"))") { services, _ in try await services.breakers.reset(model) }
    }
}
