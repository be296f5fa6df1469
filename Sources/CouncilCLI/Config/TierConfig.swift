import CouncilCore

/// The models of one tier and its limits.
public struct TierConfig: Sendable, Equatable {
    public var models: [ModelID]
    /// How long one model may take for one request.
    public var perModelTimeout: Duration
    /// How long the whole turn may take.
    public var budget: Duration

    public init(models: [ModelID], perModelTimeout: Duration, budget: Duration) {
        self.models = models
        self.perModelTimeout = perModelTimeout
        self.budget = budget
    }
}
