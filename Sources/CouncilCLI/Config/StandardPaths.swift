/// The XDG base directories and the home directory, read from an injected environment so tests
/// never see the real ones.
public struct StandardPaths: Sendable, Equatable {
    public var environment: [String: String]

    public init(environment: [String: String]) { self.environment = environment }

    public var home: String? { absolute(environment["HOME"]) }

    /// `$XDG_DATA_HOME/council`, else `~/.local/share/council`.
    public var dataDirectory: (path: String, source: ConfigSource) {
        if let base = absolute(environment["XDG_DATA_HOME"]) { return (join(base, "council"), .environment("XDG_DATA_HOME")) }
        return (join(home ?? ".", ".local/share/council"), .builtInDefault)
    }

    /// `$XDG_STATE_HOME/council/history`, else `~/.local/state/council/history`.
    public var historyFile: (path: String, source: ConfigSource) {
        if let base = absolute(environment["XDG_STATE_HOME"]) { return (join(base, "council/history"), .environment("XDG_STATE_HOME")) }
        return (join(home ?? ".", ".local/state/council/history"), .builtInDefault)
    }

    /// `$XDG_STATE_HOME/council/council.log`, else `~/.local/state/council/council.log`.
    public var logFile: (path: String, source: ConfigSource) {
        if let base = absolute(environment["XDG_STATE_HOME"]) { return (join(base, "council/council.log"), .environment("XDG_STATE_HOME")) }
        return (join(home ?? ".", ".local/state/council/council.log"), .builtInDefault)
    }

    /// `$XDG_CONFIG_HOME/council/councilrc`, else `~/.config/council/councilrc`.
    public var xdgConfigFile: String? {
        if let base = absolute(environment["XDG_CONFIG_HOME"]) { return join(base, "council/councilrc") }
        return home.map { join($0, ".config/council/councilrc") }
    }

    /// `~` and `~/…` become the home directory; a relative path is taken from `directory`.
    public func resolve(_ path: String, relativeTo directory: String) -> String {
        if path == "~" { return home ?? path }
        if path.hasPrefix("~/"), let home { return join(home, String(path.dropFirst(2))) }
        if path.hasPrefix("/") { return path }
        return join(directory, path)
    }

    /// The XDG specification ignores relative paths in these variables, and so do we.
    private func absolute(_ value: String?) -> String? {
        guard let value, value.hasPrefix("/") else { return nil }
        return value
    }

    func join(_ base: String, _ rest: String) -> String {
        base.hasSuffix("/") ? base + rest : base + "/" + rest
    }
}
