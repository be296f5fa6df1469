import CouncilCore

/// Every scalar setting, declared once. The file reader, the variables and flags, `council config`,
/// the command line's help and `SessionState` all iterate `all`; precedence is `Precedence`.
/// The structured sections (providers, models, tier model lists) have their own reader code.
enum SettingDeclarations {
    static let defaultTier = Setting<TierChoice>(
        key: "default_tier", environmentVariable: "COUNCIL_TIER", flag: "--tier",
        help: "Tier: quick, balanced, high, reasoning or auto (picked per question).",
        parser: .tier, storage: .config(\.defaultTier), defaultValue: .value(.fixed(.balanced)),
        show: { $0.description }, session: SessionBinding(legacy: { $0.tier?.description }, command: .tier))

    static let chairman = Setting<ModelID>(
        key: "chairman", environmentVariable: "COUNCIL_CHAIRMAN", flag: "--chairman",
        help: "The model that writes the final answer.",
        parser: .modelID, storage: .config(\.chairman), defaultValue: .value("openai/gpt-4o"),
        show: { $0.rawValue }, session: SessionBinding(text: \.rawValue, legacy: { $0.chairman?.rawValue }, command: .chairman))

    static let minResponses = Setting<Int>(
        key: "min_responses", environmentVariable: "COUNCIL_MIN_RESPONSES", flag: "--min-responses",
        flagAliases: ["--min"], help: "Move on once this many models have answered.",
        parser: .positiveInteger, storage: .config(\.minResponses), defaultValue: .value(3),
        session: SessionBinding(legacy: { $0.minResponses.map(String.init) }, command: .minResponses))

    static let mode = Setting<CouncilMode>(
        key: "mode", environmentVariable: "COUNCIL_MODE", flag: "--mode",
        help: "full (answers, review, synthesis), synth (no review) or answers.",
        parser: .mode, storage: .config(\.mode), defaultValue: .value(.full),
        show: { $0.rawValue }, session: SessionBinding(text: \.rawValue, legacy: { $0.mode?.rawValue }, command: .mode))

    static let debate = Setting<DebateMode>(
        key: "debate", environmentVariable: "COUNCIL_DEBATE", flag: "--debate",
        help: "Debate round before the review: off, on (every turn) or auto (when the reviewers' agreement is below debate_below).",
        parser: .debate, storage: .config(\.debate), defaultValue: .value(.off),
        show: { $0.rawValue }, session: SessionBinding(text: \.rawValue, legacy: { _ in nil }, command: .debate))

    static let debateBelow = Setting<Double>(
        key: "debate_below", environmentVariable: "COUNCIL_DEBATE_BELOW", flag: "--debate-below",
        help: "With debate: auto, the agreement (0 to 1) below which the council debates and reviews again.",
        parser: .fraction, storage: .config(\.debateBelow), defaultValue: .value(0.5), show: ConfigRenderer.number)

    static let contextBudget = Setting<Int>(
        key: "context_budget", environmentVariable: "COUNCIL_CONTEXT_BUDGET", flag: "--context-budget",
        help: "Tokens of earlier conversation a turn may carry.",
        parser: .positiveInteger, storage: .config(\.contextBudgetTokens), defaultValue: .value(16_000),
        show: { "\($0) tokens" })

    static let maxAnswerBytes = Setting<Int>(
        key: "max_answer_bytes", environmentVariable: "COUNCIL_MAX_ANSWER_BYTES", flag: "--max-answer-bytes",
        help: "Bytes an answer may hold; past them the request is cancelled and the answer kept, marked truncated.",
        parser: .positiveInteger, storage: .config(\.maxAnswerBytes), defaultValue: .value(ResponseLimits.defaultAnswerBytes),
        show: { "\($0) bytes" })

    static let maxAttachmentBytes = Setting<Int>(
        key: "max_attachment_bytes", environmentVariable: "COUNCIL_MAX_ATTACHMENT_BYTES", flag: "--max-attachment-bytes",
        help: "Bytes one attached file, piped input or image may hold; a larger one is refused, never cut.",
        parser: .positiveInteger, storage: .config(\.maxAttachmentBytes), defaultValue: .value(1_048_576),
        show: { "\($0) bytes" })

    static let dataDirectory = Setting<String>(
        key: "data_dir", environmentVariable: "COUNCIL_DATA_DIR", flag: "--data-dir",
        help: "Where the sessions database lives.",
        parser: .text, storage: .config(\.dataDirectory), defaultValue: .derived { $0.dataDirectory },
        finish: { path, context in context.paths.resolve(path, relativeTo: context.directory) })

    static let historyFile = Setting<String>(
        key: "history_file", environmentVariable: "COUNCIL_HISTORY_FILE", flag: "--history-file",
        help: "The input history file.",
        parser: .text, storage: .config(\.historyFile), defaultValue: .derived { $0.historyFile },
        finish: { path, context in context.paths.resolve(path, relativeTo: context.directory) })

    static let logLevel = Setting<TraceLog.Level>(
        key: "log_level", environmentVariable: "COUNCIL_LOG", flag: "--log-level",
        help: "Trace log of every request: off, warning, info or debug (never keys).",
        parser: .logLevel, storage: .config(\.logLevel), defaultValue: .value(.off), show: { $0.rawValue })

    static let logFile = Setting<String>(
        key: "log_file", environmentVariable: "COUNCIL_LOG_FILE", flag: "--log-file",
        help: "Where the trace log is appended.",
        parser: .text, storage: .config(\.logFile), defaultValue: .derived { $0.logFile },
        finish: { path, context in context.paths.resolve(path, relativeTo: context.directory) })

    static let breakerFailureThreshold = Setting<Double>(
        key: "breaker.failure_threshold", help: "Share of failed requests that opens a model's breaker.",
        parser: .fraction, storage: .config(\.breaker.failureThreshold),
        defaultValue: .value(BreakerPolicy.default.failureThreshold), show: ConfigRenderer.number)

    static let breakerWindow = Setting<Duration>(
        key: "breaker.window", help: "How far back the breaker counts requests, in seconds.",
        parser: .seconds, storage: .config(\.breaker.window),
        defaultValue: .value(BreakerPolicy.default.window), show: DurationText.seconds)

    static let breakerMinimumRequests = Setting<Int>(
        key: "breaker.minimum_requests", help: "Requests in the window before the breaker may open.",
        parser: .positiveInteger, storage: .config(\.breaker.minimumRequests),
        defaultValue: .value(BreakerPolicy.default.minimumRequests))

    static let breakerCooldown = Setting<Duration>(
        key: "breaker.cooldown", help: "How long an open breaker skips its model, in seconds.",
        parser: .seconds, storage: .config(\.breaker.cooldown),
        defaultValue: .value(BreakerPolicy.default.cooldown), show: DurationText.seconds)

    static let serveMaxConcurrentTurns = Setting<Int>(
        key: "serve.max_concurrent_turns", environmentVariable: "COUNCIL_SERVE_MAX_TURNS", flag: "--max-concurrent-turns",
        help: "council serve: turns in flight at once; past it a request gets 429.",
        parser: .positiveInteger, storage: .config(\.serve.maxConcurrentTurns), defaultValue: .value(ServeLimits().maxConcurrentTurns))

    static let serveStopDeadline = Setting<Duration>(
        key: "serve.stop_deadline", help: "council serve: seconds a stop lets the turns in flight finish before cancelling them.",
        parser: .seconds, storage: .config(\.serve.stopDeadline),
        defaultValue: .value(ServeLimits().stopDeadline), show: DurationText.seconds)

    static let serveKeepAlive = Setting<Duration>(
        key: "serve.keep_alive", help: "council serve: seconds between the comments a stream sends while the first stages run.",
        parser: .seconds, storage: .config(\.serve.keepAlive),
        defaultValue: .value(ServeLimits().keepAlive), show: DurationText.seconds)

    /// Per tier in the file; `COUNCIL_TIMEOUT` and `--timeout` set every tier, `/timeout` the session's.
    /// `auto` keeps the tier's default as the stage's timeout and lets `LatencyPlanner` choose below
    /// it; `models.ID.timeout` is read with the same parser (see `CallPlanner`).
    static let timeout = Setting<TimeoutChoice>(
        key: "timeout", environmentVariable: "COUNCIL_TIMEOUT", flag: "--timeout",
        help: "Per-model timeout in seconds, or auto (from each model's stored p95 latency).",
        parser: .timeout, storage: .tier(\.timeout),
        defaultValue: .perTier(defaultTimeouts.mapValues { .seconds($0) }),
        show: { $0.description }, session: SessionBinding(text: TimeoutChoice.text, legacy: { $0.timeoutAuto == true ? "auto" : $0.timeoutSeconds.map { "\($0)" } },
                                 command: .timeout))

    static let defaultTimeouts: [Tier: Duration] = [.quick: .seconds(20), .balanced: .seconds(30), .high: .seconds(60), .reasoning: .seconds(300)]

    /// The top level's; `tiers.NAME.hedge_after` and `models.ID.hedge_after` are read with the same
    /// parser. Set by a flag, variable or `/hedge`, it is every model's (see `CallPlanner`).
    static let hedgeAfter = Setting<HedgeChoice>(
        key: "hedge_after", environmentVariable: "COUNCIL_HEDGE_AFTER", flag: "--hedge-after",
        help: "Send a request once more when no first token came after this many seconds: off, a number, or auto.",
        parser: .hedge, storage: .config(\.hedgeAfter), defaultValue: .value(.off), show: { $0.description },
        session: SessionBinding(text: HedgeChoice.text, legacy: \.hedgeAfter, command: .hedge))

    static let budget = Setting<Duration>(
        key: "budget", environmentVariable: "COUNCIL_BUDGET", flag: "--budget",
        help: "Budget of a whole turn in seconds.",
        parser: .seconds, storage: .tier(\.budget),
        defaultValue: .perTier([.quick: .seconds(30), .balanced: .seconds(90), .high: .seconds(180), .reasoning: .seconds(600)]),
        show: DurationText.seconds)

    /// The top level's; `tiers.NAME.system_prompt` and `models.ID.system_prompt` are read with the
    /// same parser. Set by a flag, variable or `/system`, it is every model's (see `CallPlanner`).
    static let systemPrompt = Setting<String>(
        key: "system_prompt", environmentVariable: "COUNCIL_SYSTEM_PROMPT", flag: "--system",
        help: "System prompt sent to every model (off for none).",
        parser: .systemPrompt, storage: .config(\.systemPrompt), defaultValue: .value(""),
        show: SystemPromptText.show, session: SessionBinding(text: { $0.isEmpty ? "off" : $0 }, legacy: { $0.systemPrompt.map { $0.isEmpty ? "off" : $0 } },
                                          command: .system))

    /// In the order `council config` lists them and variables and flags are read.
    static let all: [any AnySetting] = [
        defaultTier, chairman, minResponses, mode, debate, debateBelow, systemPrompt, contextBudget, maxAnswerBytes, maxAttachmentBytes,
        dataDirectory, historyFile, logLevel, logFile,
        breakerFailureThreshold, breakerWindow, breakerMinimumRequests, breakerCooldown, hedgeAfter, timeout, budget,
        serveMaxConcurrentTurns, serveStopDeadline, serveKeepAlive,
    ]

    /// The global setting written as `key` at the top of the file, or in a section (`breaker.window`).
    static func global(_ key: String) -> (any AnySetting)? {
        all.first { $0.scope == .global && $0.key == key }
    }

    /// The tier setting written as `field` under `tiers.<tier>`.
    static func tier(_ field: String) -> (any AnySetting)? {
        all.first { $0.scope == .tier && $0.key == field }
    }

    /// The setting an option spelling (main or alias) belongs to.
    static func setting(forFlag flag: String) -> (any AnySetting)? {
        all.first { $0.flag == flag || $0.flagAliases.contains(flag) }
    }

    /// The settings a session may choose for itself.
    static let sessionScoped: [any AnySetting] = all.filter(\.isSessionScoped)
}
