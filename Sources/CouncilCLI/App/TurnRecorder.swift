import CouncilCore
import CouncilStore
import Foundation

/// Writes a turn to the store as its events arrive: each model result the moment it is known, the
/// final answer when the turn ends. The turn's row itself is written before any request leaves.
struct TurnRecorder: Sendable {
    let store: CouncilStore
    let turnID: Int64

    /// The peer-review outcome kept with the turn: the aggregate and every reviewer's vote.
    struct StoredRanking: Codable {
        var aggregate: AggregateRanking?
        var votes: [ReviewVote]
        var rejections: [String: String]
    }

    func record(_ event: CouncilEvent) async -> String? {
        do {
            switch event {
            case .modelFinished(let stage, let result):
                try await store.appendResult(turn: turnID, stage: stage, result)
            case .turnFinished(let result):
                let ranking = StoredRanking(aggregate: result.aggregate, votes: result.reviews.compactMap(\.vote),
                                            rejections: Dictionary(uniqueKeysWithValues: result.reviews.compactMap { review in
                                                review.rejection.map { (review.call.model.rawValue, $0) }
                                            }))
                let json = (try? JSONEncoder().encode(ranking)).map { String(decoding: $0, as: UTF8.self) }
                try await store.finishTurn(turn: turnID, status: StoredTurnStatus(rawValue: result.status.rawValue) ?? .failed,
                                           finalAnswer: result.finalAnswer, synthesised: result.synthesised,
                                           chairman: result.chairman, ranking: json, usage: result.totalUsage)
            default:
                break
            }
            return nil
        } catch {
            return "could not save to the session store: \(error)"
        }
    }
}
