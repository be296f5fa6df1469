import CouncilCore
import CouncilStore
import Foundation

/// The interactive loop: read a line, run a slash command or a council turn, repeat until Ctrl-D or /exit.
public final class Repl {
    let runtime: CouncilRuntime
    var session: SessionRecord
    var state: SessionState
    /// The conversation the next turn carries; `/clear` empties it, opening a session reloads it.
    var history: [ConversationTurn]
    var lastPrompt: String?
    private let input: any LineSource
    private let out = Console()

    public static func start(runtime: CouncilRuntime, sessionChoice: SessionChoice, autoTier: Bool = false) async throws -> Repl {
        let store = runtime.store
        let session: SessionRecord
        switch sessionChoice {
        case .continueLast:
            // The last session used at the prompt: one-shot questions live apart and are not continued.
            if let last = try await store.listSessions().first(where: { $0.name != OneShot.sessionName }),
               let record = try await store.session(id: last.id) {
                session = record
            } else {
                session = try await store.createFreshSession()
            }
        case .new:
            session = try await store.createFreshSession()
        case .named(let name):
            session = try await store.sessionOrNew(named: try SessionNames.validated(name))
        }
        let input: any LineSource
        if runtime.terminal.usesLineEditor {
            let editor = LineEditor(historyFile: URL(fileURLWithPath: runtime.config.historyFile))
            let completer = CommandCompleter(modelIDs: runtime.knownModels.map(\.rawValue),
                                             sessionNames: (try? await store.listSessions().map(\.name)) ?? [])
            editor.setCompletionProvider { line, word in completer.candidates(line: line, word: word) }
            input = editor
        } else {
            input = PlainLineReader()
        }
        let repl = Repl(runtime: runtime, session: session, input: input)
        try await repl.load(session)
        repl.state.applyRunOverrides(runtime.config)
        if autoTier { repl.state.tier = .auto }
        return repl
    }

    private init(runtime: CouncilRuntime, session: SessionRecord, input: any LineSource) {
        self.runtime = runtime
        self.session = session
        self.state = SessionState(config: runtime.config)
        self.history = []
        self.input = input
    }

    /// Restores a session's settings and conversation.
    func load(_ record: SessionRecord) async throws {
        session = record
        state = SessionState(config: runtime.config, saved: record.settings)
        history = try await runtime.store.recentExchanges(session: record.id!, limit: 200, from: state.contextFromTurn)
        if let last = try await runtime.store.turns(session: record.id!).last {
            lastPrompt = try await runtime.store.turn(id: last.id)?.turn.prompt
        } else {
            lastPrompt = nil
        }
    }

    var prompt: String { "council[\(session.name) · \(state.tierLabel)]> " }

    public func run() async -> Int32 {
        // Between prompts and turns (a slash command, saving a session) Ctrl-C must not end the
        // program either: ignored by default, and caught where it means something (the prompt, a turn).
        signal(SIGINT, SIG_IGN)
        for note in runtime.startupNotes { out.status(note) }
        let turns = (try? await runtime.store.turns(session: session.id!).count) ?? 0
        let context = history.isEmpty ? "" : ", \(history.count) answered kept as context (/clear to start fresh, /session new for a new session)"
        out.status("session '\(session.name)'" + (turns > 0 ? " — \(turns) earlier turn\(turns == 1 ? "" : "s")\(context)" : " (new)")
                   + " · /help lists commands · Ctrl-D leaves")
        while true {
            switch await readLine() {
            case .endOfInput:
                return 0
            case .interrupt:
                out.status("(Ctrl-C cancels a running turn; at the prompt it clears the line — Ctrl-D or /exit leaves)")
            case .line(let raw):
                let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !line.isEmpty else { continue }
                if CommandParser.isCommand(line) {
                    switch CommandParser.parse(line) {
                    case .failure(.missingChoice(let command, _, let valid)) where currentSetting(of: command) != nil:
                        // `/tier` alone asks what the setting is now.
                        out.status("/\(command): \(currentSetting(of: command)!) — choose one of \(valid.joined(separator: ", "))")
                    case .failure(let error): out.error(error.message)
                    case .success(.exit): return 0
                    case .success(let command): await perform(command)
                    }
                } else {
                    await ask(line)
                }
            }
        }
    }

    /// The value a setting command shows when typed without one.
    private func currentSetting(of command: String) -> String? {
        switch command {
        case "tier": state.tierLabel
        case "mode": state.mode.rawValue
        case "review": state.mode == .full ? "on" : "off"
        default: nil
        }
    }

    /// Reads on a thread of its own: the concurrency pool's threads block signals, so a Ctrl-C could
    /// not interrupt a `readline` running there.
    private func readLine() async -> LineInput {
        let reader = UncheckedReader(source: input, prompt: prompt)
        return await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: reader.read()) }.start()
        }
    }

    /// Runs a question as a new turn of the session.
    @discardableResult
    func ask(_ question: String, replayOf: Int64? = nil, context: [ConversationTurn]? = nil) async -> TurnRunner.Outcome? {
        lastPrompt = question
        do {
            guard let outcome = try await TurnRunner(runtime: runtime).run(question, session: session, state: state,
                                                                           history: context ?? history, replayOf: replayOf) else { return nil }
            if let answer = outcome.result.finalAnswer {
                history.append(ConversationTurn(prompt: question, answer: answer))
            }
            return outcome
        } catch {
            out.error("\(error)")
            return nil
        }
    }

    func saveSettings() async {
        do {
            try await runtime.store.updateSettings(session: session.id!, state.saved)
            session.settings = state.saved
        } catch {
            out.error("could not save the session's settings: \(error)")
        }
    }
}

/// Hands the line source to the reading thread; only one read runs at a time.
private struct UncheckedReader: @unchecked Sendable {
    let source: any LineSource
    let prompt: String
    func read() -> LineInput { source.readLine(prompt: prompt) }
}

/// Which session a REPL opens.
public enum SessionChoice: Sendable {
    case continueLast
    case new
    case named(String)
}

/// Names for new sessions: the date and time, unique among the existing ones.
enum SessionNames {
    /// Names are printed in prompts and listings: no control or bidirectional characters, not empty.
    static func validated(_ name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, TerminalSanitizer.sanitize(trimmed) == trimmed, !trimmed.contains("\n"), !trimmed.contains("\t") else {
            throw CLIError.message("a session name must be visible text on one line")
        }
        return trimmed
    }

    static func fresh(existing: [String], now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd-HHmm"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        let base = formatter.string(from: now)
        var name = base
        var counter = 2
        while existing.contains(name) {
            name = "\(base)-\(counter)"
            counter += 1
        }
        return name
    }
}

/// Where the REPL writes: answers and listings to stdout, statuses and errors to stderr.
struct Console {
    func print(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
    /// Text that holds what models wrote (transcripts, JSON): on a terminal it is stripped of control
    /// sequences first; into a pipe or file it stays exact.
    func printUntrusted(_ text: String) {
        print(TerminalInfo.isTerminal(STDOUT_FILENO) ? TerminalSanitizer.sanitize(text) : text)
    }
    func status(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
    func error(_ text: String) { FileHandle.standardError.write(Data(("error: " + text + "\n").utf8)) }
}
