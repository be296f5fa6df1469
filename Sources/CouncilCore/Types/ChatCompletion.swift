/// A model's finished answer.
public struct ChatCompletion: Sendable, Equatable {
    public var text: String
    public var usage: Usage?
    /// What a reasoning model streamed as `reasoning`/`reasoning_content` before its answer: stored
    /// apart, never part of the answer, the context or the reviews.
    public var reasoning: String?

    public init(text: String, usage: Usage? = nil, reasoning: String? = nil) {
        self.text = text
        self.usage = usage
        self.reasoning = reasoning
    }
}
