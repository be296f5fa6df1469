import Foundation

/// One line of a session's history: "#3 12:04 standard 4/5 What is…".
public struct TurnSummary: Sendable, Equatable {
    public var id: Int64
    public var number: Int
    public var started: Date
    public var tier: String
    public var status: StoredTurnStatus
    /// Models whose stage-1 answer arrived.
    public var arrived: Int
    /// Models the turn asked.
    public var asked: Int
    public var promptFirstLine: String
    public var replayOf: Int64?
    /// The reviewers' agreement (0…1); nil when unranked or on too few ballots.
    public var agreement: Double? = nil
}
