import CouncilCore

/// The display names (`models.ID.name`) of the configured models: the board and the ranking show the
/// name, lists and transcripts the name with the id, JSON both fields.
public struct ModelNames: Sendable, Equatable {
    private let names: [ModelID: String]

    public init(_ names: [ModelID: String] = [:]) { self.names = names }

    public init(config: CouncilConfig) {
        self.init(config.models.compactMapValues(\.displayName))
    }

    /// The display name, or the id for a model without one.
    public func short(_ model: ModelID) -> String { names[model] ?? model.rawValue }

    /// `GPT-4o (openai/gpt-4o)`, or the id alone.
    public func labelled(_ model: ModelID) -> String {
        names[model].map { "\($0) (\(model.rawValue))" } ?? model.rawValue
    }

    /// The display name only when there is one, for JSON.
    public func name(_ model: ModelID) -> String? { names[model] }

    /// Every display name by model id, for a transcript.
    public var byID: [String: String] { Dictionary(uniqueKeysWithValues: names.map { ($0.key.rawValue, $0.value) }) }
}
