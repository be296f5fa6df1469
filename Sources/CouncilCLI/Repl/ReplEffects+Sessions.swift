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
        // Calls and failures of every stage (they all count for the breaker); latency of answers only.
        let stats = Dictionary(uniqueKeysWithValues: try await store.modelStats().map { ($0.model, $0) })
        let answering = Dictionary(uniqueKeysWithValues: try await store.modelStats(stage: .generation).map { ($0.model, $0) })
        let names = ModelNames(config: runtime.config)
        var rows = [["model", "name", "on", "breaker", "calls", "ok", "answer p50", "p95", "failures"]]
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
            ])
        }
        console.print(Table.render(rows))
        if let line = UnreachableSummary.line(context.unreachable) { console.status(line) }
        let settings = state.settings
        console.status("tier \(settings.tierLabel) · chairman \(settings.chairman ?? runtime.config.chairman) · mode \(settings.mode.rawValue)")
    }

    func showBreakers() async {
        let unreachable = CommandContext(runtime: runtime).unreachable
        var rows = [["model", "breaker", "failed in the last \(DurationText.minutes(runtime.config.breaker.window))"]]
        for model in runtime.knownModels where unreachable[model] == nil {
            let breaker = await runtime.breakers.breaker(model)
            // An open breaker starts a fresh window when it closes again: its count would say nothing.
            let window = breaker.state == .closed ? "\(breaker.samples.filter(\.failed).count) of \(breaker.samples.count)" : "–"
            rows.append([model.rawValue, BreakerText.describe(await runtime.breakers.status(model)), window])
        }
        console.print(Table.render(rows))
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
        console.print(Table.render(rows))
    }

    func showTurn(_ number: Int, _ state: ReplState) async throws {
        guard let stored = try await store.turn(session: state.session.id, number: number) else {
            return console.error("no turn \(number) in session '\(state.session.name)' (/history lists them)")
        }
        console.print(StoredTurnView.render(stored, style: Style(enabled: runtime.terminal.stdoutUsesColor),
                                            names: ModelNames(config: runtime.config)))
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
