import CouncilCore
import CouncilStore
import Foundation

/// `council ask "question"` (or the question on stdin): one turn, the answer on stdout, statuses on
/// stderr; `--json` prints the whole turn as one document. Exit 0 answered, 1 failed, 130 cancelled.
public struct OneShot {
    public let runtime: CouncilRuntime

    /// One-shot turns are kept in a session of their own, which the REPL does not continue.
    static let sessionName = "ask"

    public init(runtime: CouncilRuntime) { self.runtime = runtime }

    public func run(question: String, models: [ModelID]?, json: Bool) async -> Int32 {
        for note in runtime.startupNotes { Console().status(note) }
        var state = SessionState(config: runtime.config)
        if let models {
            let known = runtime.knownModels
            if let unknown = models.first(where: { !known.contains($0) }) {
                let suggestion = CommandParser.nearest(unknown.rawValue, in: known.map(\.rawValue)).map { " — did you mean \($0)?" } ?? ""
                Console().error("unknown model '\(unknown)'\(suggestion)")
                return 2
            }
            state.disabled = Set(known).subtracting(models)
            state.added = models
        }
        do {
            // One-shot turns are kept too, in a session of their own, so nothing asked is lost.
            let store = runtime.store
            let session = try await store.sessionOrNew(named: Self.sessionName)
            let outcome = try await TurnRunner(runtime: runtime).run(question, session: session.id!, state: state, history: [],
                                                                     presentation: json ? .statusOnly : .live)
            if json {
                Console().printUntrusted(TurnDocument(question: question, tier: outcome.tier.rawValue, result: outcome.result).json())
            }
            switch outcome.result.status {
            case .cancelled: return 130
            case .failed: return 1
            case .complete, .partial: return 0
            }
        } catch {
            Console().error("\(error)")
            return 1
        }
    }
}

/// `council replay SESSION [--tier T]`: every prompt of a session again, compared turn by turn. The
/// session's saved settings apply, under this run's flags and variables (`SessionState`).
public struct SessionReplay {
    public let runtime: CouncilRuntime

    public init(runtime: CouncilRuntime) { self.runtime = runtime }

    public func run(session name: String) async -> Int32 {
        let store = runtime.store
        guard let source = try? await store.session(named: name) else {
            Console().error("no session '\(name)' (council sessions list)")
            return 1
        }
        do {
            let target = try await store.createFreshSession(suffix: "-replay-\(name)")
            let state = SessionState(config: runtime.config, saved: source.settings)
            var history: [ConversationTurn] = []
            Console().status("replaying \(name) into session '\(target.name)' (tier \(state.tierLabel))")
            for summary in try await store.turns(session: source.id!) where summary.replayOf == nil {
                guard let original = try await store.turn(id: summary.id) else { continue }
                Console().status("\n── turn \(summary.number): \(summary.promptFirstLine)")
                let outcome = try await TurnRunner(runtime: runtime).run(original.turn.prompt, session: target.id!, state: state,
                                                                         history: history, replayOf: original.turn.id)
                if outcome.result.status == .cancelled { return 130 }
                if let answer = outcome.result.finalAnswer { history.append(ConversationTurn(prompt: original.turn.prompt, answer: answer)) }
                if let replayed = try await store.turn(id: outcome.turn.id!) {
                    Console().print(ReplayComparison.render(original: original, replay: replayed))
                }
            }
            return 0
        } catch {
            Console().error("\(error)")
            return 1
        }
    }
}

/// `council sessions list|show|export|delete`.
public struct SessionsCommand {
    public let store: CouncilStore

    public init(store: CouncilStore) { self.store = store }

    public func list() async -> Int32 {
        guard let sessions = try? await store.listSessions() else { return 1 }
        var rows = [["session", "turns", "last used"]]
        for item in sessions { rows.append([item.name, String(item.turnCount), TimeText.short(item.lastUsed)]) }
        Console().print(Table.render(rows))
        return 0
    }

    public func show(_ name: String) async -> Int32 {
        guard let session = try? await store.session(named: name), let turns = try? await store.turns(session: session.id!) else {
            Console().error("no session '\(name)'")
            return 1
        }
        for summary in turns {
            if let stored = try? await store.turn(id: summary.id) {
                Console().print(StoredTurnView.render(stored, style: Style(enabled: false)) + "\n")
            }
        }
        return 0
    }

    public func export(_ name: String, format: ExportFormat) async -> Int32 {
        guard let session = try? await store.session(named: name), let transcript = try? await store.transcript(session: session.id!) else {
            Console().error("no session '\(name)'")
            return 1
        }
        Console().printUntrusted(TranscriptExport.render(transcript, as: format))
        return 0
    }

    public func delete(_ name: String) async -> Int32 {
        guard let session = try? await store.session(named: name) else {
            Console().error("no session '\(name)'")
            return 1
        }
        do {
            try await store.deleteSession(id: session.id!)
            Console().status("deleted session '\(name)'")
            return 0
        } catch {
            Console().error("\(error)")
            return 1
        }
    }
}
