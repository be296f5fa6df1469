import CouncilCore

/// What a session keeps: each setting it chose, as text keyed by the setting's key (the CLI reads it
/// with the setting's own parser), the model toggles and where the context starts. The store saves it
/// as JSON and never interprets it; every field is optional so an older row with fewer keys decodes.
public struct SessionSettings: Codable, Sendable, Equatable {
    /// `/chairman alpha` is `["chairman": "alpha"]`: one entry per setting the session chose.
    public var choices: [String: String]?
    public var disabledModels: [ModelID]?
    public var enabledModels: [ModelID]?
    /// The first turn the conversation context reaches back to (`/clear` moves it forward).
    public var contextFromTurn: Int?

    // How versions before `choices` stored a setting: still read (the CLI takes them as choices),
    // never written.
    public var tier: TierChoice?
    public var chairman: ModelID?
    public var mode: CouncilMode?
    public var minResponses: Int?
    public var timeoutSeconds: Double?
    public var timeoutAuto: Bool?
    public var systemPrompt: String?
    public var hedgeAfter: String?

    public init(choices: [String: String]? = nil, tier: TierChoice? = nil, disabledModels: [ModelID]? = nil,
                enabledModels: [ModelID]? = nil, chairman: ModelID? = nil, mode: CouncilMode? = nil,
                minResponses: Int? = nil, timeoutSeconds: Double? = nil, contextFromTurn: Int? = nil,
                systemPrompt: String? = nil) {
        self.choices = choices
        self.tier = tier
        self.disabledModels = disabledModels
        self.enabledModels = enabledModels
        self.chairman = chairman
        self.mode = mode
        self.minResponses = minResponses
        self.timeoutSeconds = timeoutSeconds
        self.contextFromTurn = contextFromTurn
        self.systemPrompt = systemPrompt
    }

    enum CodingKeys: String, CodingKey {
        case choices, tier, chairman, mode
        case disabledModels = "disabled_models"
        case enabledModels = "enabled_models"
        case minResponses = "min_responses"
        case timeoutSeconds = "timeout_seconds"
        case timeoutAuto = "timeout_auto"
        case contextFromTurn = "context_from_turn"
        case systemPrompt = "system_prompt"
        case hedgeAfter = "hedge_after"
    }
}
