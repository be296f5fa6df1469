/// Something worth telling the user that does not stop the program. The loader returns warnings;
/// the caller decides where to print them.
public struct ConfigWarning: Sendable, Equatable, CustomStringConvertible {
    public var source: ConfigSource
    public var message: String

    public init(at source: ConfigSource, _ message: String) {
        self.source = source
        self.message = message
    }

    public var description: String { "\(source.location): warning: \(message)" }
}
