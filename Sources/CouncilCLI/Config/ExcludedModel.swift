import CouncilCore

/// A model left out of the council at start-up, and why (e.g. its provider's key is not set).
public struct ExcludedModel: Sendable, Equatable, CustomStringConvertible {
    public var model: ModelID
    public var reason: String

    public init(model: ModelID, reason: String) {
        self.model = model
        self.reason = reason
    }

    public var description: String { "\(model): \(reason)" }
}
