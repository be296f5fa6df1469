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
    /// The provider's name, for reporting a rejected key once per provider; `nil` when it has none.
    public var providerName: String? { nil }

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
