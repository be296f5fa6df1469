import CouncilCore

/// The effective configuration: built-in defaults, then a file, the environment and flags, validated.
/// Every value's origin is in `sources`, keyed by its dotted key path (see `ConfigKey`, `SettingSlot`).
public struct CouncilConfig: Sendable, Equatable {
    public var providers: [String: ProviderConfig]
    public var models: [ModelID: ModelConfig]
    public var tiers: [Tier: TierConfig]
    /// The tier a turn runs on unless the session chose one; `auto` picks one per question.
    public var defaultTier: TierChoice
    public var chairman: ModelID
    public var minResponses: Int
    public var breaker: BreakerPolicy
    /// `council serve`'s limits: turns in flight, and how long a stop waits for them.
    public var serve: ServeLimits
    public var mode: CouncilMode
    /// The debate round: off, on (every turn) or auto (when the first review's agreement is below `debateBelow`).
    public var debate: DebateMode
    public var debateBelow: Double
    /// How many tokens of earlier conversation a turn may carry.
    public var contextBudgetTokens: Int
    /// Bytes one answer may hold before its request is cancelled and the answer kept, truncated.
    public var maxAnswerBytes: Int
    /// Bytes one attachment may hold; a larger one is refused before any request.
    public var maxAttachmentBytes: Int
    /// Where the sessions database lives.
    public var dataDirectory: String
    /// The line editor's input history.
    public var historyFile: String
    /// How much the trace log records (`off` by default), and where.
    public var logLevel: TraceLog.Level
    public var logFile: String
    /// The user's system prompt for every model; empty for none. A tier's or a model's own replaces it,
    /// unless a flag, variable or the session (`/system`) set it (see `CallPlanner`).
    public var systemPrompt: String
    /// `request:` at the top level: options every call carries unless a tier or model overrides them.
    public var request: RequestOptions
    /// `hedge_after:` at the top level: every model's unless its tier or itself says otherwise, or a
    /// flag or variable set it (see `CallPlanner`).
    public var hedgeAfter: HedgeChoice
    /// `stages.review` and `stages.synthesis`: a system prompt and options for those calls.
    public var stages: [Stage: StageConfig]
    public var sources: [String: ConfigSource]

    /// The structured parts; every scalar setting starts empty and takes its declared default from
    /// `SettingDeclarations` when the loader settles it.
    init(providers: [String: ProviderConfig], models: [ModelID: ModelConfig], tierModels: [Tier: [ModelID]]) {
        self.providers = providers
        self.models = models
        self.tiers = tierModels.mapValues { TierConfig(models: $0, perModelTimeout: .zero, budget: .zero) }
        defaultTier = .auto
        chairman = ""
        minResponses = 1
        breaker = .default
        serve = ServeLimits()
        mode = .full
        debate = .off
        debateBelow = 0.5
        contextBudgetTokens = 0
        maxAnswerBytes = ResponseLimits.defaultAnswerBytes
        maxAttachmentBytes = 1_048_576
        dataDirectory = ""
        historyFile = ""
        logLevel = .off
        logFile = ""
        systemPrompt = ""
        request = .none
        hedgeAfter = .off
        stages = [:]
        sources = [:]
    }

    /// Where a tier must be named before a question picks one (`auto`): the default tier, else balanced.
    public var baseTier: Tier { defaultTier.tier ?? .balanced }

    /// Where the value at `key` came from; values nobody set are defaults.
    public func source(of key: String) -> ConfigSource { sources[key] ?? .builtInDefault }

    /// The tier's configuration; every tier exists (the defaults define all four).
    public func tier(_ name: Tier) -> TierConfig {
        tiers[name] ?? TierConfig(models: [], perModelTimeout: .seconds(30), budget: .seconds(90))
    }

    /// Every model a turn may call: the tiers' models and the chairman.
    public var referencedModels: [ModelID] {
        var seen = Set<ModelID>()
        var result: [ModelID] = []
        for name in Tier.allCases {
            for model in tier(name).models where seen.insert(model).inserted { result.append(model) }
        }
        if seen.insert(chairman).inserted { result.append(chairman) }
        return result
    }
}

/// `serve.max_concurrent_turns`, `serve.stop_deadline` and `serve.keep_alive`.
public struct ServeLimits: Sendable, Equatable {
    /// Turns in flight at once; past it a request gets 429 at once instead of queueing.
    public var maxConcurrentTurns = 8
    /// How long SIGTERM or Ctrl-C lets the turns in flight finish before cancelling them.
    public var stopDeadline: Duration = .seconds(30)
    /// How often a stream waiting for the first stages says it is alive (an SSE comment).
    public var keepAlive: Duration = .seconds(1)
}
