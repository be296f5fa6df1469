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

    /// A review that arrived waits for its verdict (the next event) so it is stored with its ranking.
    private var awaitingVerdict: [ModelID: ModelResult] = [:]

    init(store: CouncilStore, turnID: Int64) {
        self.store = store
        self.turnID = turnID
    }

    mutating func record(_ event: CouncilEvent) async -> String? {
        do {
            switch event {
            case .modelFinished(.review, let result) where result.outcome.isSuccess:
                awaitingVerdict[result.model] = result
            case .modelFinished(let stage, let result):
                try await store.appendResult(turn: turnID, stage: stage, result)
            case .reviewParsed(let reviewer, let ranking):
                if let review = awaitingVerdict.removeValue(forKey: reviewer) {
                    let json = (try? JSONEncoder().encode(ranking)).map { String(decoding: $0, as: UTF8.self) }
                    try await store.appendResult(turn: turnID, stage: .review, review, parsedRanking: json)
                }
            case .reviewRejected(let reviewer, let reason):
                if let review = awaitingVerdict.removeValue(forKey: reviewer) {
                    try await store.appendResult(turn: turnID, stage: .review, model: reviewer, outcome: .arrived,
                                                 text: review.outcome.completion?.text ?? "", latency: review.latency,
                                                 usage: review.outcome.completion?.usage, error: "no usable ranking: \(reason)")
                }
            case .turnFinished(let result):
                for review in awaitingVerdict.values { try await store.appendResult(turn: turnID, stage: .review, review) }
                awaitingVerdict.removeAll()
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
