import CouncilCore
import Foundation
import GRDB

/// A row of `model_results`: one model's answer (or failure) at one stage of one turn.
public struct ModelResultRecord: Codable, Sendable, Equatable {
    public var id: Int64?
    public var turnID: Int64
    public var stage: Stage
    public var model: ModelID
    public var outcome: ResultOutcome
    /// The answer; empty when nothing arrived.
    public var text: String
    public var latencyMilliseconds: Int
    public var promptTokens: Int
    public var completionTokens: Int
    /// Prompt tokens the provider read from (or wrote to) its prompt cache; 0 when it said nothing.
    public var cachedTokens: Int = 0
    public var cacheWriteTokens: Int = 0
    public var cost: Double?
    public var error: String?
    /// A review's verdict (its ranking, or why none could be read), stored as JSON; nil for other
    /// stages and for reviews that never arrived.
    public var verdict: ReviewVerdict?
    public var created: Date
    /// A reasoning model's reasoning, kept apart from its answer; nil when it streamed none.
    public var reasoning: String?
    /// For a review: which model's answer each label stood for in the reviewer's prompt (JSON).
    public var labels: [String: ModelID]?
    /// When the first token of the kept answer came, from the start of the fan-out; nil when none did
    /// or the row predates the column.
    public var firstTokenMilliseconds: Int?
    /// Set when a hedged second request was sent, after this long without a first token.
    public var hedgedAfterMilliseconds: Int?

    public var latency: Duration { .milliseconds(latencyMilliseconds) }

    enum CodingKeys: String, CodingKey {
        case id, stage, model, outcome, text, cost, error, verdict, created, reasoning, labels
        case turnID = "turn_id"
        case latencyMilliseconds = "latency_ms"
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case cachedTokens = "cached_tokens"
        case cacheWriteTokens = "cache_write_tokens"
        case firstTokenMilliseconds = "first_token_ms"
        case hedgedAfterMilliseconds = "hedged_after_ms"
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let turnID = Column(CodingKeys.turnID)
        public static let stage = Column(CodingKeys.stage)
        public static let model = Column(CodingKeys.model)
        public static let outcome = Column(CodingKeys.outcome)
        public static let latencyMilliseconds = Column(CodingKeys.latencyMilliseconds)
    }
}

extension ModelResultRecord: FetchableRecord, MutablePersistableRecord, StoredDateCoding {
    public static let databaseTableName = "model_results"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
