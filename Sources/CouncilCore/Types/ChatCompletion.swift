/// A model's finished answer.
public struct ChatCompletion: Sendable, Equatable {
    public var text: String
    public var usage: Usage?

    public init(text: String, usage: Usage? = nil) {
        self.text = text
        self.usage = usage
    }
}
