import CouncilCore

/// `stages.review` or `stages.synthesis`: what those calls get besides each model's own settings.
public struct StageConfig: Sendable, Equatable {
    /// Review: follows the reviewer's brief. Synthesis: follows the model's own system prompt.
    public var systemPrompt: String?
    /// Over the model's effective request, key by key (e.g. a low temperature for rankings).
    public var request: RequestOptions

    public init(systemPrompt: String? = nil, request: RequestOptions = .none) {
        self.systemPrompt = systemPrompt
        self.request = request
    }

    /// The stages that take settings, by their key under `stages:`.
    static let configurable: [String: Stage] = ["review": .review, "synthesis": .synthesis]
}
