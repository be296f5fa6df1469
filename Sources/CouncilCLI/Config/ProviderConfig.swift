import CouncilCore

/// An OpenAI-compatible endpoint as configured: where it is and how its key is found.
public struct ProviderConfig: Sendable, Equatable {
    public var name: String
    public var baseURL: String
    /// The environment variable holding the key. Set means the provider needs a key.
    public var apiKeyEnv: String?
    /// The key itself, resolved by the loader from `apiKeyEnv` (or a literal `api_key` in the file).
    public var apiKey: APIKey?
    /// Extra request headers, e.g. OpenRouter's attribution headers.
    public var headers: [String: String]
    /// Fields every request to this provider carries (`extra_body:`), under a call's own options.
    /// OpenRouter's `usage: {include: true}` makes it report each call's cost; OpenAI rejects
    /// parameters it does not know, so this is per provider, never global.
    public var extraBody: [String: JSONValue]
    /// `cache: anthropic` marks the end of each request's stable prefix for the provider's cache.
    public var cache: CacheMarks?

    public init(name: String, baseURL: String, apiKeyEnv: String? = nil, apiKey: APIKey? = nil,
                headers: [String: String] = [:], extraBody: [String: JSONValue] = [:]) {
        self.name = name
        self.baseURL = baseURL
        self.apiKeyEnv = apiKeyEnv
        self.apiKey = apiKey
        self.headers = headers
        self.extraBody = extraBody
    }

    /// A provider needs a key when it names a variable for one; Ollama and local servers do not.
    public var needsKey: Bool { apiKeyEnv != nil }
}
