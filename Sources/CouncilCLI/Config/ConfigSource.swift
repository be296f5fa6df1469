/// Where one configuration value came from, shown by `council config` and named by every error.
public enum ConfigSource: Sendable, Hashable, CustomStringConvertible {
    case builtInDefault
    /// The demo council's preset.
    case demo
    case file(path: String, line: Int)
    /// Chosen in the session (`/tier`, `/mode`, …) and saved with it.
    case session
    case environment(String)
    case flag(String)

    /// `default`, `demo`, `file:/path:LINE`, `session`, `env:COUNCIL_TIER`, `flag:--tier`.
    public var description: String {
        switch self {
        case .builtInDefault: "default"
        case .demo: "demo"
        case .file(let path, let line): "file:\(path):\(line)"
        case .session: "session"
        case .environment(let name): "env:\(name)"
        case .flag(let name): "flag:\(name)"
        }
    }

    /// How an error message points at the value: `/path/.councilrc:12`, like a compiler.
    public var location: String {
        switch self {
        case .builtInDefault: "built-in default"
        case .demo: "demo council"
        case .file(let path, let line): "\(path):\(line)"
        case .session: "the session's saved settings"
        case .environment(let name): "environment variable \(name)"
        case .flag(let name): "option \(name)"
        }
    }
}
