import CouncilCore

/// The models of one tier and its limits.
public struct TierConfig: Sendable, Equatable {
    public var models: [ModelID]
    /// How long one model may take for one request.
    public var perModelTimeout: Duration
    /// How long the whole turn may take.
    public var budget: Duration
    /// `tiers.NAME.system_prompt`: replaces the top-level one for this tier's calls; "" for none.
    public var systemPrompt: String?
    /// `tiers.NAME.request`: over the top level's, under a model's.
    public var request: RequestOptions

    public init(models: [ModelID], perModelTimeout: Duration, budget: Duration, systemPrompt: String? = nil,
                request: RequestOptions = .none) {
        self.models = models
        self.perModelTimeout = perModelTimeout
        self.budget = budget
        self.systemPrompt = systemPrompt
        self.request = request
    }
}
