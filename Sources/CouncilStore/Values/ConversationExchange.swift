/// An earlier prompt and the council's final answer to it, for the next turn's context.
public struct ConversationExchange: Sendable, Equatable {
    public var prompt: String
    public var finalAnswer: String

    public init(prompt: String, finalAnswer: String) {
        self.prompt = prompt
        self.finalAnswer = finalAnswer
    }
}
