import CouncilCore
import CouncilStore
import Foundation

/// What the output commands do: usage figures, the clipboard and exports.
extension CommandEffect {
    static let showStats = CommandEffect("showStats") { services, state in
        let store = services.store, console = services.console, config = services.setup.config
        let table = UsageTable(prices: config.models.compactMapValues(\.price), names: services.screen.names)
        console.print(table.render(session: try await store.usageRows(session: state.session.id), all: try await store.usageRows()))
        console.print(contextLine(state))
        // Latency per model and stage over the newest stored calls.
        let stats = try await store.recentLatency()
        guard !stats.entries.isEmpty else { return }
        console.print("latency over each model's last \(CouncilStore.latencyWindow) calls per stage:")
        console.print(LatencyTable(names: services.screen.names).measured(stats))
    }

    /// How much of the conversation since `/clear` the next turn carries, and how much `context_budget` dropped.
    private static func contextLine(_ state: ReplState) -> String {
        let request = state.settings.request(question: "", history: state.history, tier: state.settings.resolveTier(for: "").tier)
        let carried = ConversationContext.carried(system: request.systemPrompt, history: request.history,
                                                  budgetTokens: request.contextBudgetTokens)
        return "context: the next turn carries \(carried) of \(request.history.count) earlier exchanges"
            + " (\(request.history.count - carried) dropped to stay within context_budget, \(request.contextBudgetTokens) tokens)"
    }

    /// Turn N's final answer (or MODEL's); without N, the newest turn that has one.
    static func copy(turn requested: Int?, model: ModelID?) -> CommandEffect {
        CommandEffect("copy(\(requested.map(String.init) ?? "last"), \(model?.rawValue ?? "final"))") { services, state in
            try await copy(requested, model: model, state, services.store, services.clipboard, services.console)
        }
    }

    private static func copy(_ requested: Int?, model: ModelID?, _ state: ReplState, _ store: CouncilStore,
                             _ clipboard: Clipboard, _ console: Console) async throws {
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

    static func export(_ format: ExportFormat, file: String?) -> CommandEffect {
        CommandEffect("export(\(format), \(file ?? "stdout"))") { services, state in
            let text = TranscriptExport.render(try await services.store.transcript(session: state.session.id), as: format,
                                               names: services.screen.names)
            let console = services.console
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
}
