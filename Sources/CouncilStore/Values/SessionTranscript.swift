/// A whole session as one value, for export as JSON or Markdown.
public struct SessionTranscript: Codable, Sendable, Equatable {
    public var session: SessionRecord
    public var turns: [TurnWithResults]

    public init(session: SessionRecord, turns: [TurnWithResults]) {
        self.session = session
        self.turns = turns
    }
}
