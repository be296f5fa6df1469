import CouncilCore

/// The models of one tier and its limits.
public struct TierConfig: Sendable, Equatable {
    public var models: [ModelID]
    /// How long one model may take for one request: the stage's timeout, which an `auto` or a
    /// model's own timeout never exceeds. With `timeout: auto` it keeps the tier's default.
    public var perModelTimeout: Duration
    /// `timeout: auto`: each model's timeout comes from its stored latency (`LatencyPlanner`).
    public var autoTimeout = false
    /// `tiers.NAME.hedge_after`: over the top level's, under a model's.
    public var hedgeAfter: HedgeChoice?
    /// `tiers.NAME.debate`: over the top level's, under a choice made now (see `CallPlanner.debate`).
    public var debate: DebateMode?
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

    /// `timeout:` as the declaration reads and writes it: `auto` leaves the number in place as the
    /// stage's timeout, so a tier set to `auto` keeps its default as the ceiling.
    var timeout: TimeoutChoice {
        get { autoTimeout ? .auto : .seconds(perModelTimeout) }
        set {
            switch newValue {
            case .auto: autoTimeout = true
            case .seconds(let duration): (autoTimeout, perModelTimeout) = (false, duration)
            }
        }
    }
}
