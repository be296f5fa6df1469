import CouncilCore
import GRDB

/// A turn and every model result it holds, in the order they arrived.
public struct TurnWithResults: Codable, Sendable, Equatable, FetchableRecord {
    public var turn: TurnRecord
    public var results: [ModelResultRecord]
    /// What the question came with, as stored (and as a retry or replay sends it again).
    public var attachments: [StoredAttachment] = []

    public init(turn: TurnRecord, results: [ModelResultRecord], attachments: [StoredAttachment] = []) {
        self.turn = turn
        self.results = results
        self.attachments = attachments
    }

    enum CodingKeys: String, CodingKey { case turn, results, attachments }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        turn = try container.decode(TurnRecord.self, forKey: .turn)
        results = try container.decode([ModelResultRecord].self, forKey: .results)
        // Fetched rows carry no attachments (`withAttachments` adds them); exports do.
        attachments = try container.decodeIfPresent([StoredAttachment].self, forKey: .attachments) ?? []
    }

    /// The same turn with its attachments read.
    func withAttachments(_ db: Database) throws -> TurnWithResults {
        var copy = self
        copy.attachments = try CouncilStore.attachments(of: [turn.id ?? -1], db)[turn.id ?? -1] ?? []
        return copy
    }

    /// The results of one stage, in arrival order.
    public func results(of stage: Stage) -> [ModelResultRecord] {
        results.filter { $0.stage == stage }
    }
}
