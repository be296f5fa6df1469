/// A model's finished answer.
public struct ChatCompletion: Sendable, Equatable {
    public var text: String
    public var usage: Usage?
    /// The answer reached the size cap: the request was cancelled and `text` is its beginning.
    public var truncated: Bool
    /// What a reasoning model streamed as `reasoning`/`reasoning_content` before its answer: stored
    /// apart, never part of the answer, the context or the reviews.
    public var reasoning: String?

    public init(text: String, usage: Usage? = nil, truncated: Bool = false, reasoning: String? = nil) {
        self.text = text
        self.usage = usage
        self.truncated = truncated
        self.reasoning = reasoning
    }
}
