/// A configuration that cannot be used, found before any request is sent. The description names the
/// file and line (or the variable or option) and the key; it never contains an API key.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case fileNotFound
        case unreadableFile
        case syntax
        case unknownKey
        case wrongType
        case invalidValue
        case missingKey
        case unknownProvider
        case unknownModel
        case emptyTier
        case minResponsesTooLarge
    }

    public var kind: Kind
    public var source: ConfigSource
    /// What is wrong, without the location.
    public var message: String
    /// The nearest valid word, e.g. `timeout` for `timout`.
    public var suggestion: String?

    public init(_ kind: Kind, at source: ConfigSource, _ message: String, suggestion: String? = nil) {
        self.kind = kind
        self.source = source
        self.message = message
        self.suggestion = suggestion
    }

    public var description: String {
        "\(source.location): \(message)" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
    }
}
