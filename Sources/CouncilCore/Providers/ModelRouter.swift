/// Which provider answers for which model; one council may mix providers.
public struct ModelRouter: Sendable {
    private let providers: [ModelID: any ChatProvider]

    public init(_ providers: [ModelID: any ChatProvider]) { self.providers = providers }

    /// Every model on one provider.
    public init(models: [ModelID], provider: any ChatProvider) {
        self.providers = Dictionary(uniqueKeysWithValues: models.map { ($0, provider) })
    }

    public func provider(for model: ModelID) -> (any ChatProvider)? { providers[model] }
}
