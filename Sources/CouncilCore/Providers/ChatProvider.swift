/// Something that answers a conversation: a real OpenAI-compatible endpoint or the demo council.
public protocol ChatProvider: Sendable {
    /// The provider's name, for reporting a rejected key once per provider; `nil` when it has none.
    var providerName: String? { get }

    /// Streams the answer through `onDelta` and returns it whole. Throws `ChatError`, or
    /// `CancellationError` when the calling task is cancelled.
    func complete(
        model: ModelID,
        messages: [ChatMessage],
        onDelta: @escaping @Sendable (String) -> Void
    ) async throws -> ChatCompletion
}

extension ChatProvider {
    /// The provider's name, for reporting a rejected key once per provider; `nil` when it has none.
    public var providerName: String? { nil }

    public func complete(model: ModelID, messages: [ChatMessage]) async throws -> ChatCompletion {
        try await complete(model: model, messages: messages, onDelta: { _ in })
    }
}
