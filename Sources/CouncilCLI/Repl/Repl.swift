import CouncilCore
import CouncilStore
import Foundation

/// The interactive loop: read a line, let the command handler decide, carry out its effects, repeat
/// until Ctrl-D or /exit. Everything a command means lives in its declaration (`CommandCatalog`); this only moves data.
public final class Repl {
    private let runtime: CouncilRuntime
    private let handler: CommandHandler
    private let services: ReplServices
    private let input: UncheckedSource
    private var state: ReplState

    public static func start(runtime: CouncilRuntime, sessionChoice: SessionChoice, raw: Bool = false) async throws -> Repl {
        let store = runtime.store
        let record: SessionRecord
        switch sessionChoice {
        case .continueLast:
            // The last session used at the prompt: one-shot questions and served turns are not continued.
            if let last = try await store.listSessions().first(where: { !SessionNames.isApart($0.name) }),
               let found = try await store.session(id: last.id) {
                record = found
            } else {
                record = try await store.createFreshSession()
            }
        case .new:
            record = try await store.createFreshSession()
        case .named(let name):
            record = try await store.sessionOrNew(named: try SessionNames.validated(name))
        }
        let input: any LineSource
        if runtime.terminal.usesLineEditor {
            let editor = LineEditor(historyFile: URL(fileURLWithPath: runtime.config.historyFile))
            let completer = CommandCompleter(modelIDs: runtime.knownModels.map(\.rawValue),
                                             sessionNames: try await store.listSessions().map(\.name))
            editor.setCompletionProvider { line, word in completer.candidates(line: line, word: word) }
            input = editor
        } else {
            input = PlainLineReader()
        }
        let source = UncheckedSource(input)
        var services = ReplServices(runtime: runtime, console: Console()) { question, byDefault in
            guard case .line(let answer) = await source.read(prompt: question) else { return false }
            let word = answer.trimmingCharacters(in: .whitespaces).lowercased()
            return word.isEmpty ? byDefault : ["y", "yes"].contains(word)
        }
        services.remember = { entry in source.remember(entry) }
        var state = try await services.opening(record)
        state.rawOutput = raw
        return Repl(runtime: runtime, services: services, input: source, state: state)
    }

    private init(runtime: CouncilRuntime, services: ReplServices, input: UncheckedSource, state: ReplState) {
        self.runtime = runtime
        self.handler = CommandHandler(context: services.models)
        self.services = services
        self.input = input
        self.state = state
    }

    private var prompt: String {
        let attached = state.attachments.isEmpty ? "" : " · \(state.attachments.count) attached"
        return "council[\(state.session.name) · \(state.settings.tierLabel)\(attached)]> "
    }

    public func run() async -> Int32 {
        // Between prompts and turns (a slash command, saving a session) Ctrl-C must not end the
        // program either: ignored by default, and caught where it means something (the prompt, a turn).
        signal(SIGINT, SIG_IGN)
        let console = services.console
        for note in runtime.startupNotes + runtime.leftOutNotes(tier: state.settings.currentTier, chairman: state.settings.config.chairman) {
            console.status(note)
        }
        console.status(greeting)
        while true {
            switch await readLine() {
            case .endOfInput:
                return 0
            case .interrupt:
                console.status("(Ctrl-C cancels a running turn; at the prompt it clears the line — Ctrl-D or /exit leaves)")
            case .line(let line):
                await refreshLastTurn()
                let reaction = handler.handle(line: line, state)
                state = reaction.state
                reaction.messages.forEach(console.show)
                for effect in reaction.effects where !(await services.perform(effect, on: &state)) { return 0 }
            }
        }
    }

    private var greeting: String {
        let turns = state.lastTurnNumber ?? 0
        let context = state.history.isEmpty ? ""
            : ", \(state.history.count) answered kept as context (/clear to start fresh, /session new for a new session)"
        return "session '\(state.session.name)'" + (turns > 0 ? " — \(Plural.count(turns, "earlier turn"))\(context)" : " (new)")
            + " · /help lists commands · Ctrl-D leaves"
    }

    /// Another REPL on the same session may have added turns since the last line.
    private func refreshLastTurn() async {
        if let last = try? await runtime.store.lastTurnNumber(session: state.session.id) { state.lastTurnNumber = last }
    }

    /// Reads the next line while the next turn's providers are kept warm.
    private func readLine() async -> LineInput {
        let warmer = ConnectionWarmer(config: runtime.config, isDemo: runtime.setup.isDemo)
        let settings = state.settings
        let warming = warmer.keepWarm(settings.models(for: settings.currentTier) + [settings.config.chairman])
        defer { warming.cancel() }
        return await input.read(prompt: prompt)
    }
}

/// Hands the line source to a reading thread. Unchecked because libedit is not thread-safe: it is
/// safe here since the loop waits for each read, so only one runs at a time.
private struct UncheckedSource: @unchecked Sendable {
    let source: any LineSource

    init(_ source: any LineSource) { self.source = source }

    func remember(_ entry: String) { (source as? LineEditor)?.remember(entry) }

    /// Reads on a thread of its own: the concurrency pool's threads block signals, so a Ctrl-C could
    /// not interrupt a `readline` running there.
    func read(prompt: String) async -> LineInput {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: source.readLine(prompt: prompt)) }.start()
        }
    }
}

/// Which session a REPL opens.
public enum SessionChoice: Sendable {
    case continueLast
    case new
    case named(String)
}
