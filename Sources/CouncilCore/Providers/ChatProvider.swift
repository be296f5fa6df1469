/// Something that answers a conversation: a real OpenAI-compatible endpoint or the demo council.
public protocol ChatProvider: Sendable {
    /// Streams the answer through `onDelta` and returns it whole. Throws `ChatError`, or
    /// `CancellationError` when the calling task is cancelled.
    func complete(
        model: ModelID,
        messages: [ChatMessage],
        onDelta: @escaping @Sendable (String) -> Void
    ) async throws -> ChatCompletion

    /// The same with request options (temperature, token limit, `extra_body`, …), and `onReasoning`
    /// told how many characters of reasoning have arrived so far. Providers that cannot send options
    /// (the demo council) keep the default, which ignores both.
    func complete(
        model: ModelID,
        messages: [ChatMessage],
        options: RequestOptions,
        onDelta: @escaping @Sendable (String) -> Void,
        onReasoning: @escaping @Sendable (Int) -> Void
    ) async throws -> ChatCompletion
}

extension ChatProvider {
    public func complete(
        model: ModelID, messages: [ChatMessage], options: RequestOptions, onDelta: @escaping @Sendable (String) -> Void,
        onReasoning: @escaping @Sendable (Int) -> Void
    ) async throws -> ChatCompletion {
        try await complete(model: model, messages: messages, onDelta: onDelta)
    }

    public func complete(
        model: ModelID, messages: [ChatMessage], options: RequestOptions, onDelta: @escaping @Sendable (String) -> Void
    ) async throws -> ChatCompletion {
        try await complete(model: model, messages: messages, options: options, onDelta: onDelta, onReasoning: { _ in })
    }

    public func complete(model: ModelID, messages: [ChatMessage]) async throws -> ChatCompletion {
        try await complete(model: model, messages: messages, onDelta: { _ in })
    }
}
