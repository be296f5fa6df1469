/// The result of loading: the effective configuration, which file it used and what to warn about.
public struct LoadedConfig: Sendable, Equatable {
    public var config: CouncilConfig
    /// The configuration file used, if any.
    public var file: String?
    /// How the file was chosen: `flag:--config`, `env:COUNCIL_CONFIG`, or `default` (the search path).
    public var fileSelectedBy: ConfigSource?
    /// Not printed by the loader: the caller shows them (on stderr).
    public var warnings: [ConfigWarning]
    /// `--demo` was given.
    public var demoRequested: Bool

    public init(config: CouncilConfig, file: String? = nil, fileSelectedBy: ConfigSource? = nil,
                warnings: [ConfigWarning] = [], demoRequested: Bool = false) {
        self.config = config
        self.file = file
        self.fileSelectedBy = fileSelectedBy
        self.warnings = warnings
        self.demoRequested = demoRequested
    }
}
