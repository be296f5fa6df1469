import CouncilCore
import CouncilStore
import Foundation

/// `council replay SESSION [--tier T]`: every prompt of a session again, compared turn by turn. The
/// session's saved settings apply, under this run's flags and variables (`SessionState`).
public struct SessionReplay {
    public let runtime: CouncilRuntime

    public init(runtime: CouncilRuntime) { self.runtime = runtime }

    public func run(session name: String) async -> Int32 {
        let store = runtime.store
        do {
            guard let source = try await store.session(named: name) else {
                Console().error("no session '\(name)'\(WordSuggestion.hint(name, in: try await store.listSessions().map(\.name))) (council sessions list)")
                return 1
            }
            let target = try await store.createFreshSession(suffix: "-replay-\(name)")
            let state = SessionState(config: runtime.config, saved: source.settings)
            var history: [ConversationTurn] = []
            Console().status("replaying \(name) into session '\(target.name)' (tier \(state.tierLabel))")
            for summary in try await store.turns(session: source.id!) where summary.replayOf == nil {
                guard let original = try await store.turn(id: summary.id) else { continue }
                Console().status("\n── turn \(summary.number): \(summary.promptFirstLine)")
                // The attachments as stored: a replay never reads the disk again.
                let attachments = original.attachments.map(\.attachment)
                let outcome = try await TurnRunner(runtime: runtime).run(original.turn.prompt, attachments: attachments,
                                                                         session: target.id!, state: state,
                                                                         history: history, replayOf: original.turn.id)
                if outcome.result.status == .cancelled { return 130 }
                if let answer = outcome.result.finalAnswer {
                    history.append(ConversationTurn(prompt: original.turn.prompt, answer: answer, attachments: attachments))
                }
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
