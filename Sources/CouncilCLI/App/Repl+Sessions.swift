import CouncilCore
import CouncilStore
import Foundation

/// Sessions, history, show, replay, export, stats.
extension Repl {
    func showModels() async {
        let out = Console()
        let council = Set(state.models(for: currentTier, config: runtime.config))
        // Calls and failures of every stage (they all count for the breaker); latency of answers only.
        let stats = Dictionary(uniqueKeysWithValues: ((try? await runtime.store.modelStats()) ?? []).map { ($0.model, $0) })
        let answering = Dictionary(uniqueKeysWithValues: ((try? await runtime.store.modelStats(stage: .generation)) ?? []).map { ($0.model, $0) })
        var rows = [["model", "on", "breaker", "calls", "ok", "answer p50", "p95", "failures"]]
        for model in runtime.knownModels {
            let stat = stats[model]
            rows.append([
                model.rawValue, council.contains(model) ? "✔" : "·",
                BreakerText.describe(await runtime.breakers.status(model)),
                stat.map { String($0.calls) } ?? "0",
                stat?.successRate.map { String(format: "%.0f%%", $0 * 100) } ?? "–",
                answering[model]?.latencyP50.map { String(format: "%.1fs", $0.seconds) } ?? "–",
                answering[model]?.latencyP95.map { String(format: "%.1fs", $0.seconds) } ?? "–",
                stat.map { String($0.failures) } ?? "0",
            ])
        }
        out.print(Table.render(rows))
        out.status("tier \(state.tierLabel) · chairman \(state.chairman ?? runtime.config.chairman) · mode \(state.mode.rawValue)")
    }

    func showBreakers() async {
        var rows = [["model", "breaker", "failed in the last \(StatusBoard.minutes(runtime.config.breaker.window))"]]
        for model in runtime.knownModels {
            let breaker = await runtime.breakers.breaker(model)
            // An open breaker starts a fresh window when it closes again: its count would say nothing.
            let window = breaker.state == .closed ? "\(breaker.samples.filter(\.failed).count) of \(breaker.samples.count)" : "–"
            rows.append([model.rawValue, BreakerText.describe(await runtime.breakers.status(model)), window])
        }
        Console().print(Table.render(rows))
    }

    func performSession(_ action: SessionAction) async {
        let out = Console()
        let store = runtime.store
        do {
            switch action {
            case .show:
                let turns = try await store.turns(session: session.id!)
                out.status("session '\(session.name)' — \(turns.count) turn\(turns.count == 1 ? "" : "s"), tier \(state.tierLabel), \(history.count) exchange\(history.count == 1 ? "" : "s") in context")
            case .new(let name):
                let fresh: SessionRecord
                if let name { fresh = try await store.createSession(named: try SessionNames.validated(name)) } else { fresh = try await store.createFreshSession() }
                try await load(fresh)
                out.status("new session '\(fresh.name)'")
            case .open(let name):
                guard let found = try await store.session(named: name) else {
                    let names = try await store.listSessions().map(\.name)
                    out.error("no session '\(name)'" + (CommandParser.nearest(name, in: names).map { " — did you mean \($0)?" } ?? "") + " (/sessions lists them)")
                    return
                }
                try await load(found)
                try await store.touchSession(id: found.id!)
                out.status("opened session '\(found.name)' — tier \(state.tierLabel), \(history.count) exchange\(history.count == 1 ? "" : "s") in context")
            case .rename(let name):
                let name = try SessionNames.validated(name)
                try await store.renameSession(id: session.id!, to: name)
                session.name = name
                out.status("session renamed to '\(name)'")
            case .delete(let name):
                guard let found = try await store.session(named: name) else {
                    out.error("no session '\(name)' (/sessions lists them)")
                    return
                }
                guard found.id != session.id else {
                    out.error("'\(name)' is the open session; open another one first (/session open NAME or /session new)")
                    return
                }
                try await store.deleteSession(id: found.id!)
                out.status("deleted session '\(name)'")
            }
        } catch {
            out.error("\(error)")
        }
    }

    func listSessions() async {
        guard let sessions = try? await runtime.store.listSessions() else { return }
        var rows = [["", "session", "turns", "last used"]]
        for item in sessions {
            rows.append([item.id == session.id ? "*" : "", item.name, String(item.turnCount), TimeText.short(item.lastUsed)])
        }
        Console().print(Table.render(rows))
    }

    func showHistory() async {
        guard let turns = try? await runtime.store.turns(session: session.id!), !turns.isEmpty else {
            Console().status("no turns yet in session '\(session.name)'")
            return
        }
        var rows = [["#", "time", "tier", "arrived", "status", "prompt"]]
        for turn in turns {
            rows.append(["\(turn.number)", TimeText.short(turn.started), turn.tier, "\(turn.arrived)/\(turn.asked)",
                         turn.status.rawValue + (turn.replayOf != nil ? " (replay)" : ""), String(turn.promptFirstLine.prefix(60))])
        }
        Console().print(Table.render(rows))
    }

    func show(_ number: Int) async {
        guard let stored = try? await runtime.store.turn(session: session.id!, number: number) else {
            Console().error("no turn \(number) in session '\(session.name)' (/history lists them)")
            return
        }
        Console().print(StoredTurnView.render(stored, style: Style(enabled: runtime.terminal.stdoutUsesColor)))
    }

    func replay(_ number: Int) async {
        guard let original = try? await runtime.store.turn(session: session.id!, number: number) else {
            Console().error("no turn \(number) in session '\(session.name)' (/history lists them)")
            return
        }
        Console().status("replaying turn \(number) with the current settings (tier \(state.tierLabel))")
        // Like for like: the conversation as it stood before the original turn.
        let before = (try? await runtime.store.recentExchanges(session: session.id!, limit: 200, from: state.contextFromTurn,
                                                              before: number)) ?? []
        guard let outcome = await ask(original.turn.prompt, replayOf: original.turn.id, context: before),
              let replayed = try? await runtime.store.turn(id: outcome.turn.id!) else { return }
        Console().print(ReplayComparison.render(original: original, replay: replayed))
    }

    func export(_ format: ExportFormat, to file: String?) async {
        do {
            let transcript = try await runtime.store.transcript(session: session.id!)
            let text = TranscriptExport.render(transcript, as: format)
            if let file {
                let path = UserPath.resolve(file, environment: ProcessInfo.processInfo.environment)
                // Created exclusively and private, like the database: an existing file is never replaced.
                let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
                guard descriptor >= 0 else {
                    let reason = errno == EEXIST ? "already exists — export to a new file name" : String(cString: strerror(errno))
                    Console().error("\(path): \(reason) (nothing was written)")
                    return
                }
                let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
                try handle.write(contentsOf: Data(text.utf8))
                Console().status("exported session '\(session.name)' to \(path)")
            } else {
                Console().printUntrusted(text)
            }
        } catch {
            Console().error("export failed: \(UserPath.describe(error))")
        }
    }
}

/// A breaker's state in words, for /models and /breakers.
enum BreakerText {
    static func describe(_ permission: CircuitBreaker.Permission) -> String {
        switch permission {
        case .allowed: "closed"
        case .trial: "half-open (next call is a trial)"
        case .blocked(let remaining) where remaining == .zero: "half-open (trial running)"
        case .blocked(let remaining): "open, \(StatusBoard.minutes(remaining)) left"
        }
    }
}

enum TimeText {
    static func short(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = Calendar.current.isDateInToday(date) ? "HH:mm" : "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}

/// Left-aligned columns, two spaces apart; the first row is the header.
enum Table {
    static func render(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
