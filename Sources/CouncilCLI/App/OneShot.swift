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

    public func run(question: String, attachments: [Attachment] = [], models: [ModelID]?, json: Bool, raw: Bool = false) async -> Int32 {
        for note in runtime.startupNotes { Console().status(note) }
        var state = SessionState(config: runtime.config)
        for note in runtime.leftOutNotes(tier: state.resolveTier(for: question).tier, chairman: state.config.chairman) {
            Console().status(note)
        }
        if let models {
            let known = runtime.knownModels
            if let unknown = models.first(where: { !known.contains($0) }) {
                let suggestion = WordSuggestion.hint(unknown.rawValue, in: known.map(\.rawValue))
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
            let outcome = try await TurnRunner(runtime: runtime).run(question, attachments: attachments, session: session.id!,
                                                                     state: state, history: [],
                                                                     presentation: json ? .statusOnly : .live(raw: raw))
            if json {
                Console().printUntrusted(TurnDocument(question: question, attachments: attachments, tier: outcome.tier.rawValue,
                                                      result: outcome.result,
                                                           names: ModelNames(config: runtime.config)).json())
            }
            switch outcome.result.status {
            case .cancelled: return 130
            case .failed: return 1
            case .complete, .partial: return 0
            }
        } catch let refused as AttachmentProblem {
            Console().error("\(refused)")
            return 2
        } catch {
            Console().error("\(error)")
            return 1
        }
    }
}
