import CouncilCore
import Foundation
import GRDB

/// A row of `turns`: one prompt put to the council and how it ended.
public struct TurnRecord: Codable, Sendable, Equatable {
    public var id: Int64?
    public var sessionID: Int64
    /// 1, 2, 3… within its session, without gaps.
    public var number: Int
    public var prompt: String
    public var tier: String
    /// The models the turn asked, stored as a JSON array.
    public var models: [ModelID]
    public var status: StoredTurnStatus
    public var started: Date
    public var ended: Date?
    public var finalAnswer: String?
    /// False when the final answer is not the chairman's synthesis (e.g. a single answer fell back).
    public var synthesised: Bool
    public var chairman: ModelID?
    /// The peer review's outcome, stored as JSON; nil until the turn ends, or when nothing was reviewed.
    public var ranking: TurnRanking?
    public var promptTokens: Int
    public var completionTokens: Int
    /// Prompt tokens the providers read from their prompt caches.
    public var cachedTokens: Int = 0
    /// US dollars; nil when any part's cost is unknown.
    public var cost: Double?
    /// The turn this one replays, if any.
    public var replayOf: Int64?
    /// The process that opened the turn: a reopening store leaves a live process's `running`
    /// turn alone and marks only orphans `interrupted`.
    public var ownerPID: Int32?
    /// The reviewers' agreement (0…1, see `AgreementCoefficient`), kept beside the ranking so `sqlite3`
    /// and the history read it without decoding JSON; nil when it was not measured.
    public var agreement: Double?

    public var usage: Usage {
        Usage(promptTokens: promptTokens, completionTokens: completionTokens, cost: cost, cachedTokens: cachedTokens)
    }

    enum CodingKeys: String, CodingKey {
        case id, number, prompt, tier, models, status, started, ended, synthesised, chairman, ranking, cost, agreement
        case sessionID = "session_id"
        case finalAnswer = "final_answer"
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case cachedTokens = "cached_tokens"
        case replayOf = "replay_of"
        case ownerPID = "owner_pid"
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let sessionID = Column(CodingKeys.sessionID)
        public static let number = Column(CodingKeys.number)
        public static let status = Column(CodingKeys.status)
        public static let ended = Column(CodingKeys.ended)
        public static let finalAnswer = Column(CodingKeys.finalAnswer)
    }
}

extension TurnRecord: FetchableRecord, MutablePersistableRecord, StoredDateCoding {
    public static let databaseTableName = "turns"
    static let results = hasMany(ModelResultRecord.self, key: "results")

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
