import CouncilCore
import CouncilStore

/// What `/models` and `/config` show: the store's figures, the breakers and the configuration with
/// the session's choices in force.
extension CommandEffect {
    static let showModels = CommandEffect("showModels") { services, state in
        await services.breakers.refresh()
        try await ModelsListing(store: services.store, breakers: services.breakers, models: services.models,
                                screen: services.screen).show(state.settings)
    }

    static let showConfig = CommandEffect("showConfig") { services, state in
        services.console.page(ConfigRenderer.render(services.setup, loaded: services.loaded, config: state.settings.config)
                              + "\nsession '\(state.session.name)': council \(CouncilCommands.councilLine(state))")
    }
}

/// `/models`: the models the council can call, with their breakers and figures; the rest in one line.
struct ModelsListing {
    let store: CouncilStore
    let breakers: SharedBreakers
    let models: CommandContext
    let screen: ReplScreen

    func show(_ settings: SessionState) async throws {
        let council = Set(settings.models(for: settings.currentTier))
        // Calls and failures of every stage; latency of answers only. A review without a usable ranking
        // is "unranked": the model answered, so it is not a failure.
        let stats = Dictionary(uniqueKeysWithValues: try await store.modelStats().map { ($0.model, $0) })
        let answering = Dictionary(uniqueKeysWithValues: try await store.modelStats(stage: .generation).map { ($0.model, $0) })
        var rows = [["model", "name", "on", "breaker", "calls", "ok", "answer p50", "p95", "failures", "unranked"]]
        for model in models.knownModels where models.unreachable[model] == nil {
            let stat = stats[model]
            rows.append([
                model.rawValue, screen.names.name(model) ?? "", council.contains(model) ? "✔" : "·",
                BreakerText.describe(await breakers.board.status(model)),
                stat.map { String($0.calls) } ?? "0",
                stat?.successRate.map { String(format: "%.0f%%", $0 * 100) } ?? "–",
                answering[model]?.latencyP50.map(DurationText.elapsed) ?? "–",
                answering[model]?.latencyP95.map(DurationText.elapsed) ?? "–",
                stat.map { String($0.failures) } ?? "0",
                stat.map { String($0.unranked) } ?? "0",
            ])
        }
        screen.console.print(Table.render(rows))
        if let line = UnreachableSummary.line(models.unreachable) { screen.console.status(line) }
        try await showLatencySettings(settings)
        screen.console.status("tier \(settings.tierLabel) · chairman \(settings.config.chairman) · mode \(settings.mode.rawValue)")
    }

    /// The timeout and hedge delay each council model gets on the next turn, and why.
    private func showLatencySettings(_ settings: SessionState) async throws {
        let council = settings.models(for: settings.currentTier)
        let chairman = settings.config.chairman
        var planner = settings.planner(tier: settings.currentTier)
        if planner.needsLatency(council + [chairman]) { planner.latency = try await store.recentLatency(models: council + [chairman]) }
        screen.console.print(LatencyTable(names: screen.names).settings(council: council, chairman: chairman, planner: planner))
    }
}
