/// A whole session as one value, for export as JSON or Markdown.
public struct SessionTranscript: Codable, Sendable, Equatable {
    public var session: SessionRecord
    public var turns: [TurnWithResults]
    /// The configuration's display names by model id, when the exporter knows them.
    public var modelNames: [String: String]?

    public init(session: SessionRecord, turns: [TurnWithResults], modelNames: [String: String]? = nil) {
        self.session = session
        self.turns = turns
        self.modelNames = modelNames
    }

    enum CodingKeys: String, CodingKey {
        case session, turns
        case modelNames = "model_names"
    }
}
