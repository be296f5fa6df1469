import CouncilCore
import CouncilStore
import Foundation

/// What a turn's events mean for the store: each model result (a review with its verdict) the moment
/// it is known, the final answer and the ranking when the turn ends. The turn's row itself is written
/// before any request leaves.
struct TurnRecorder: Sendable {
    let store: CouncilStore
    let turnID: Int64

    /// What `event` stores; nil for an event that stores nothing (progress, the chairman's words).
    static func write(for event: CouncilEvent) -> TurnWrite? {
        switch event {
        case .modelFinished(let stage, let result):
            .result(stage: stage, result)
        case .reviewFinished(let review):
            .result(stage: .review, review.call, verdict: review.verdict, labels: review.labels)
        case .turnFinished(let result):
            .finish(status: StoredTurnStatus(rawValue: result.status.rawValue) ?? .failed, finalAnswer: result.finalAnswer,
                    synthesised: result.synthesised, chairman: result.chairman, ranking: TurnRanking(result),
                    usage: result.totalUsage)
        // Named one by one, so a new event does not compile until it says what it stores.
        case .stageStarted, .modelProgress, .modelThinking, .modelHedged, .aggregate, .agreement, .stageFinished, .chairmanChosen,
             .synthesisDelta, .breakerChanged, .providerRejected:
            nil
        }
    }

    /// Stores `writes` in one transaction. Should that fail, they are tried one by one, so one bad write
    /// costs only itself; returns what to tell the user about the ones that could not be saved.
    func store(_ writes: [TurnWrite]) async -> [String] {
        guard !writes.isEmpty else { return [] }
        do {
            try await store.write(writes, turn: turnID)
            return []
        } catch where writes.count > 1 {
            var problems: [String] = []
            for write in writes {
                do { try await store.write([write], turn: turnID) } catch { problems.append(Self.problem(error)) }
            }
            return problems
        } catch {
            return [Self.problem(error)]
        }
    }

    private static func problem(_ error: any Error) -> String { "could not save to the session store: \(error)" }
}
