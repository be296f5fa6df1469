import CouncilCore

/// The per-session choices the CLI keeps (tier, model toggles, chairman, mode, min_responses).
/// The store saves it as JSON and never interprets it; every field is optional so an older file
/// with fewer keys still decodes.
public struct SessionSettings: Codable, Sendable, Equatable {
    public var tier: TierChoice?
    public var disabledModels: [ModelID]?
    public var enabledModels: [ModelID]?
    public var chairman: ModelID?
    public var mode: CouncilMode?
    public var minResponses: Int?
    /// A per-model timeout set with `/timeout`, in seconds.
    public var timeoutSeconds: Double?
    /// `/timeout auto`: each model's timeout from its stored latency.
    public var timeoutAuto: Bool?
    /// The first turn the conversation context reaches back to (`/clear` moves it forward).
    public var contextFromTurn: Int?
    /// `/system TEXT`; "" for `/system off` (none, whatever the file says).
    public var systemPrompt: String?
    /// `/hedge off|SECONDS|auto`, as typed (the CLI reads it with the setting's own parser).
    public var hedgeAfter: String?

    public init(tier: TierChoice? = nil, disabledModels: [ModelID]? = nil, enabledModels: [ModelID]? = nil,
                chairman: ModelID? = nil, mode: CouncilMode? = nil, minResponses: Int? = nil,
                timeoutSeconds: Double? = nil, contextFromTurn: Int? = nil, systemPrompt: String? = nil) {
        self.systemPrompt = systemPrompt
        self.tier = tier
        self.disabledModels = disabledModels
        self.enabledModels = enabledModels
        self.chairman = chairman
        self.mode = mode
        self.minResponses = minResponses
        self.timeoutSeconds = timeoutSeconds
        self.contextFromTurn = contextFromTurn
    }

    enum CodingKeys: String, CodingKey {
        case tier, chairman, mode
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
