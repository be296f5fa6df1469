/// Whether a request marks where its stable prefix ends, for providers that cache only what is marked.
public enum CacheMarks: String, Sendable, Codable, CaseIterable {
    /// No marks: OpenAI, DeepSeek and Gemini cache a repeated prefix by themselves.
    case off
    /// `cache_control: {type: ephemeral}` on the content part that ends the stable prefix (the message
    /// before the one that is new this call), as Anthropic models take it, also through OpenRouter.
    case anthropic
}
