/// What a call asks of the model besides the messages: sampling, limits, and any provider-specific
/// fields (`extra_body`). Unset fields are not sent, so the provider's defaults apply.
public struct RequestOptions: Sendable, Equatable, Codable {
    public var temperature: Double?
    public var topP: Double?
    public var maxTokens: Int?
    /// `low`, `medium`, `high` for the models that take it.
    public var reasoningEffort: String?
    /// Merged into the request body last; it cannot replace `model`, `messages` or `stream`.
    public var extraBody: [String: JSONValue]
    /// Cache marks for this model, over its provider's; not a body field of its own.
    public var cacheMarks: CacheMarks?

    public init(temperature: Double? = nil, topP: Double? = nil, maxTokens: Int? = nil,
                reasoningEffort: String? = nil, extraBody: [String: JSONValue] = [:], cacheMarks: CacheMarks? = nil) {
        self.temperature = temperature
        self.topP = topP
        self.maxTokens = maxTokens
        self.reasoningEffort = reasoningEffort
        self.extraBody = extraBody
        self.cacheMarks = cacheMarks
    }

    public static let none = RequestOptions()

    public var isEmpty: Bool { self == .none }

    /// `other` over `self`, key by key; `extra_body` objects merge recursively.
    public func overridden(by other: RequestOptions) -> RequestOptions {
        RequestOptions(temperature: other.temperature ?? temperature, topP: other.topP ?? topP,
                       maxTokens: other.maxTokens ?? maxTokens, reasoningEffort: other.reasoningEffort ?? reasoningEffort,
                       extraBody: extraBody.merging(other.extraBody) { $0.merged(with: $1) },
                       cacheMarks: other.cacheMarks ?? cacheMarks)
    }

    /// The fields as they go into the body: the named ones, then `extra_body`.
    public var bodyFields: [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        if let temperature { fields["temperature"] = .number(temperature) }
        if let topP { fields["top_p"] = .number(topP) }
        if let maxTokens { fields["max_tokens"] = .integer(maxTokens) }
        if let reasoningEffort { fields["reasoning_effort"] = .string(reasoningEffort) }
        return fields.merging(extraBody) { $0.merged(with: $1) }
    }
}

/// How one model is called in one stage: the user's system prompt for it, its request options, and
/// the latency limits chosen for it (resolved by the caller: a number, or from stored percentiles).
public struct CallSettings: Sendable, Equatable {
    /// `nil`: no system prompt of the user's.
    public var systemPrompt: String?
    public var options: RequestOptions
    /// This model's own timeout in this stage; `nil` uses the stage's (never longer than it).
    public var timeout: Duration?
    /// Sends the same request once more when no first token has arrived after this long; `nil` is off.
    public var hedgeAfter: Duration?

    public init(systemPrompt: String? = nil, options: RequestOptions = .none, timeout: Duration? = nil,
                hedgeAfter: Duration? = nil) {
        self.systemPrompt = systemPrompt
        self.options = options
        self.timeout = timeout
        self.hedgeAfter = hedgeAfter
    }
}
