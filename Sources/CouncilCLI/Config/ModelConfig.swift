import CouncilCore

/// A model the council may call, and which provider serves it.
public struct ModelConfig: Sendable, Equatable {
    public var id: ModelID
    public var provider: String
    /// A friendlier name for the status board; the id when absent.
    public var displayName: String?
    public var price: ModelPrice?

    public init(id: ModelID, provider: String, displayName: String? = nil, price: ModelPrice? = nil) {
        self.id = id
        self.provider = provider
        self.displayName = displayName
        self.price = price
    }
}
