/// A model's finished answer.
public struct ChatCompletion: Sendable, Equatable {
    public var text: String
    public var usage: Usage?
    /// The answer reached the size cap: the request was cancelled and `text` is its beginning.
    public var truncated: Bool

    public init(text: String, usage: Usage? = nil, truncated: Bool = false) {
        self.text = text
        self.usage = usage
        self.truncated = truncated
    }
}
