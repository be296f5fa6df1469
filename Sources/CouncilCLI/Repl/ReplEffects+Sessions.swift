import CouncilCore
import CouncilStore
import Foundation

/// Listings and session changes: what `/models`, `/history`, `/show`, `/session …` and `/export` do.
extension ReplEffects {
    /// `/models`, `/stats`: the models the council can call; the rest in one line.
    func showModels(_ state: ReplState) async throws {
        let context = CommandContext(runtime: runtime)
        let handler = CommandHandler(context: context)
        let council = Set(state.settings.models(for: handler.currentTier(state), config: runtime.config))
        // Calls and failures of every stage; latency of answers only. A review without a usable ranking
        // is "unranked": the model answered, so it is not a failure.
        let stats = Dictionary(uniqueKeysWithValues: try await store.modelStats().map { ($0.model, $0) })
        let answering = Dictionary(uniqueKeysWithValues: try await store.modelStats(stage: .generation).map { ($0.model, $0) })
        let names = ModelNames(config: runtime.config)
        var rows = [["model", "name", "on", "breaker", "calls", "ok", "answer p50", "p95", "failures", "unranked"]]
        for model in runtime.knownModels where context.unreachable[model] == nil {
            let stat = stats[model]
            rows.append([
                model.rawValue, names.name(model) ?? "", council.contains(model) ? "✔" : "·",
                BreakerText.describe(await runtime.breakers.status(model)),
                stat.map { String($0.calls) } ?? "0",
                stat?.successRate.map { String(format: "%.0f%%", $0 * 100) } ?? "–",
                answering[model]?.latencyP50.map(DurationText.elapsed) ?? "–",
                answering[model]?.latencyP95.map(DurationText.elapsed) ?? "–",
                stat.map { String($0.failures) } ?? "0",
                stat.map { String($0.unranked) } ?? "0",
            ])
        }
        console.print(Table.render(rows))
        if let line = UnreachableSummary.line(context.unreachable) { console.status(line) }
        try await showLatencySettings(state, tier: handler.currentTier(state))
        let settings = state.settings
        console.status("tier \(settings.tierLabel) · chairman \(settings.chairman ?? runtime.config.chairman) · mode \(settings.mode.rawValue)")
    }

    /// The timeout and hedge delay each council model gets on the next turn, and why.
    private func showLatencySettings(_ state: ReplState, tier: Tier) async throws {
        let settings = state.settings
        let council = settings.models(for: tier, config: runtime.config)
        let chairman = settings.chairman ?? runtime.config.chairman
        var planner = settings.planner(tier: tier, config: runtime.config)
        if planner.needsLatency(council + [chairman]) { planner.latency = try await store.recentLatency(models: council + [chairman]) }
        console.print(LatencyTable(names: ModelNames(config: runtime.config)).settings(council: council, chairman: chairman, planner: planner))
    }

    /// `/stats`' latency part: per model and stage over the newest stored calls.
    func showLatency() async throws {
        let stats = try await store.recentLatency()
        guard !stats.entries.isEmpty else { return }
        console.print("latency over each model's last \(CouncilStore.latencyWindow) calls per stage:")
        console.print(LatencyTable(names: ModelNames(config: runtime.config)).measured(stats))
    }

    func showBreakers() async {
        let unreachable = CommandContext(runtime: runtime).unreachable
        console.print(Table.render(await BreakerTable.rows(runtime, skipping: unreachable)))
        if let line = UnreachableSummary.line(unreachable) { console.status(line) }
    }

    func showSession(_ state: ReplState) async throws {
        let turns = try await store.turns(session: state.session.id)
        console.status("session '\(state.session.name)' — \(Plural.count(turns.count, "turn")), tier \(state.settings.tierLabel), "
                       + "\(Plural.count(state.history.count, "exchange")) in context")
    }

    func listSessions(_ state: ReplState) async throws {
        var rows = [["", "session", "turns", "last used"]]
        for item in try await store.listSessions() {
            rows.append([item.id == state.session.id ? "*" : "", item.name, String(item.turnCount), TimeText.short(item.lastUsed)])
        }
        console.print(Table.render(rows))
    }

    func showHistory(_ state: ReplState) async throws {
        let turns = try await store.turns(session: state.session.id)
        guard !turns.isEmpty else { return console.status("no turns yet in session '\(state.session.name)'") }
        var rows = [["#", "time", "tier", "arrived", "status", "prompt"]]
        for turn in turns {
            rows.append(["\(turn.number)", TimeText.short(turn.started), turn.tier, "\(turn.arrived)/\(turn.asked)",
                         turn.status.rawValue + (turn.replayOf != nil ? " (replay)" : ""), Self.cut(turn.promptFirstLine, to: 60)])
        }
        console.page(Table.render(rows))
    }

    func showTurn(_ number: Int, model: ModelID?, _ state: ReplState) async throws {
        guard let stored = try await store.turn(session: state.session.id, number: number) else {
            return console.error("no turn \(number) in session '\(state.session.name)' (/history lists them)")
        }
        let style = Style(enabled: runtime.terminal.stdoutUsesColor)
        let names = ModelNames(config: runtime.config)
        guard let model else { return console.page(StoredTurnView.render(stored, style: style, names: names)) }
        let models = stored.turn.models.map(\.rawValue)
        guard stored.turn.models.contains(model) || stored.results.contains(where: { $0.model == model }) else {
            return console.error("\(model) took no part in turn \(number)\(WordSuggestion.hint(model.rawValue, in: models)) "
                                 + "(it asked \(models.joined(separator: ", ")))")
        }
        console.page(StoredTurnView.render(stored, only: model, style: style, names: names))
    }

    func newSession(_ name: String?, on state: inout ReplState) async throws {
        let fresh = if let name { try await store.createSession(named: name) } else { try await store.createFreshSession() }
        state = try await opening(fresh)
        console.status("new session '\(fresh.name)'")
    }

    func openSession(_ name: String, on state: inout ReplState) async throws {
        guard let found = try await store.session(named: name) else {
            let names = try await store.listSessions().map(\.name)
            return console.error("no session '\(name)'\(WordSuggestion.hint(name, in: names)) (/sessions lists them)")
        }
        state = try await opening(found)
        try await store.touchSession(id: state.session.id)
        console.status("opened session '\(found.name)' — tier \(state.settings.tierLabel), "
                       + "\(Plural.count(state.history.count, "exchange")) in context")
    }

    func deleteSession(_ name: String) async throws {
        guard let found = try await store.session(named: name), let id = found.id else {
            return console.error("no session '\(name)' (/sessions lists them)")
        }
        let turns = try await store.turns(session: id).count
        if turns > 0, !(await confirm("delete session '\(name)' and its \(Plural.count(turns, "turn"))? [y/N] ", false)) {
            return console.status("kept session '\(name)'")
        }
        try await store.deleteSession(id: id)
        console.status("deleted session '\(name)'")
    }

    func copy(_ requested: Int?, model: ModelID?, _ state: ReplState) async throws {
        // Without a number: the newest turn that has what is asked for (a cancelled turn has nothing).
        var number = requested ?? state.lastTurnNumber ?? 0
        if requested == nil {
            for summary in try await store.turns(session: state.session.id).reversed() {
                guard let turn = try await store.turn(id: summary.id) else { continue }
                let has = model.map { id in turn.results(of: .generation).contains { $0.model == id && $0.outcome == .arrived } }
                    ?? (turn.turn.finalAnswer != nil)
                if has { number = summary.number; break }
            }
        }
        guard let stored = try await store.turn(session: state.session.id, number: number) else {
            return console.error("no turn \(number) in session '\(state.session.name)' (/history lists them)")
        }
        let text: String?
        let what: String
        if let model {
            text = stored.results(of: .generation).first { $0.model == model && $0.outcome == .arrived }?.text
            what = "\(model)'s answer in turn \(number)"
        } else {
            text = stored.turn.finalAnswer
            what = "the final answer of turn \(number)"
        }
        guard let text, !text.isEmpty else { return console.error("turn \(number) has no \(model.map { "answer from \($0)" } ?? "final answer") to copy") }
        let method = try clipboard.copy(text) { sequence in console.terminal(sequence) }
        console.status("copied \(what) (\(Plural.count(text.count, "character"))) with \(method)")
    }

    /// `text` cut to `limit` characters, ending in `…` when something was cut.
    static func cut(_ text: String, to limit: Int) -> String {
        text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }

    func export(_ format: ExportFormat, to file: String?, _ state: ReplState) async throws {
        let text = TranscriptExport.render(try await store.transcript(session: state.session.id), as: format,
                                           names: ModelNames(config: runtime.config))
        guard let file else { return console.printUntrusted(text) }
        let path = UserPath.resolve(file, environment: ProcessInfo.processInfo.environment)
        // Created exclusively and private, like the database: an existing file is never replaced.
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "already exists — export to a new file name" : String(cString: strerror(errno))
            return console.error("\(path): \(reason) (nothing was written)")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: Data(text.utf8))
        console.status("exported session '\(state.session.name)' to \(path)")
    }
}
