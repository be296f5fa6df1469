import Logging

extension Logger {
    /// A logger that writes nothing: the engine logs only when the program hands it one that does.
    public static let silent = Logger(label: "council", factory: { _ in SwiftLogNoOpLogHandler() })
}
