import Foundation

/// One line of the session list.
public struct SessionSummary: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var turnCount: Int
    public var created: Date
    public var lastUsed: Date
}
