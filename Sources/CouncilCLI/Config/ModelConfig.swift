import CouncilCore

/// A model the council may call, and which provider serves it.
public struct ModelConfig: Sendable, Equatable {
    public var id: ModelID
    public var provider: String
    /// A friendlier name for the status board; the id when absent.
    public var displayName: String?
    public var price: ModelPrice?
    /// `models.ID.system_prompt`: replaces the tier's and the top level's for this model; "" for none.
    public var systemPrompt: String?
    /// `models.ID.request`: over the tier's and the top level's, key by key.
    public var request: RequestOptions
    /// `models.ID.timeout`: this model's own, over the tier's (never past the stage's timeout).
    public var timeout: TimeoutChoice?
    /// `models.ID.hedge_after`: over the tier's and the top level's.
    public var hedgeAfter: HedgeChoice?
    /// `models.ID.vision: true`: it takes images; a model not marked never gets an image's bytes.
    public var vision = false
    /// `models.ID.cache`: over its provider's.
    public var cache: CacheMarks?

    public init(id: ModelID, provider: String, displayName: String? = nil, price: ModelPrice? = nil,
                systemPrompt: String? = nil, request: RequestOptions = .none) {
        self.id = id
        self.provider = provider
        self.displayName = displayName
        self.price = price
        self.systemPrompt = systemPrompt
        self.request = request
    }
}
