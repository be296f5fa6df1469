/// What the command line says about configuration, as plain text: the loader parses and checks it
/// like the file and the environment, so errors read the same.
public struct ConfigFlags: Sendable, Equatable {
    /// `--config FILE`: beats `$COUNCIL_CONFIG` and the search path.
    public var configFile: String?
    /// `--demo`: use the demo council even when keys are set.
    public var demo: Bool
    public var overrides: [ConfigOverride: String]

    public init(configFile: String? = nil, demo: Bool = false, overrides: [ConfigOverride: String] = [:]) {
        self.configFile = configFile
        self.demo = demo
        self.overrides = overrides
    }

    /// The usual way to build it from parsed options: `nil` means "not given".
    public init(configFile: String? = nil, demo: Bool = false, tier: String? = nil, minResponses: String? = nil,
                chairman: String? = nil, mode: String? = nil, timeout: String? = nil, budget: String? = nil,
                contextBudget: String? = nil, dataDirectory: String? = nil, historyFile: String? = nil) {
        let given: [(ConfigOverride, String?)] = [
            (.tier, tier), (.minResponses, minResponses), (.chairman, chairman), (.mode, mode), (.timeout, timeout),
            (.budget, budget), (.contextBudget, contextBudget), (.dataDirectory, dataDirectory), (.historyFile, historyFile),
        ]
        self.init(configFile: configFile, demo: demo,
                  overrides: Dictionary(uniqueKeysWithValues: given.compactMap { key, value in value.map { (key, $0) } }))
    }
}
