import CouncilCore
import CouncilStore
import Foundation

/// Writes a turn to the store as its events arrive: each model result (a review with its verdict) the
/// moment it is known, the final answer and the ranking when the turn ends. The turn's row itself is
/// written before any request leaves.
struct TurnRecorder: Sendable {
    let store: CouncilStore
    let turnID: Int64

    func record(_ event: CouncilEvent) async -> String? {
        do {
            switch event {
            case .modelFinished(let stage, let result):
                try await store.appendResult(turn: turnID, stage: stage, result)
            case .reviewFinished(let review):
                try await store.appendResult(turn: turnID, stage: .review, review.call, verdict: review.verdict, labels: review.labels)
            case .turnFinished(let result):
                try await store.finishTurn(turn: turnID, status: StoredTurnStatus(rawValue: result.status.rawValue) ?? .failed,
                                           finalAnswer: result.finalAnswer, synthesised: result.synthesised,
                                           chairman: result.chairman, ranking: TurnRanking(result), usage: result.totalUsage)
            default:
                break
            }
            return nil
        } catch {
            return "could not save to the session store: \(error)"
        }
    }
}
