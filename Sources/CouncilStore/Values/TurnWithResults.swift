import CouncilCore
import GRDB

/// A turn and every model result it holds, in the order they arrived.
public struct TurnWithResults: Codable, Sendable, Equatable, FetchableRecord {
    public var turn: TurnRecord
    public var results: [ModelResultRecord]

    public init(turn: TurnRecord, results: [ModelResultRecord]) {
        self.turn = turn
        self.results = results
    }

    /// The results of one stage, in arrival order.
    public func results(of stage: Stage) -> [ModelResultRecord] {
        results.filter { $0.stage == stage }
    }
}
