/// What the command line says about configuration, as plain text: the loader parses and checks it
/// like the file and the environment, so errors read the same.
public struct ConfigFlags: Sendable, Equatable {
    /// `--config FILE`: beats `$COUNCIL_CONFIG` and the search path.
    public var configFile: String?
    /// `--demo`: use the demo council even when keys are set.
    public var demo: Bool
    /// Setting options by their main spelling, as typed: `["--tier": "high"]` (see `SettingFlags`).
    public var settings: [String: String]

    public init(configFile: String? = nil, demo: Bool = false, settings: [String: String] = [:]) {
        self.configFile = configFile
        self.demo = demo
        self.settings = settings
    }
}
