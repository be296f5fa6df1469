import Foundation

/// Builds the effective configuration: built-in defaults, then the first configuration file found,
/// then `COUNCIL_*` variables, then flags; then looks up API keys and validates the whole.
/// The environment is injected (never read from the process here), so tests are hermetic.
public struct ConfigLoader: Sendable {
    public var environment: [String: String]
    public var currentDirectory: String

    public init(environment: [String: String], currentDirectory: String) {
        self.environment = environment
        self.currentDirectory = currentDirectory
    }

    /// Throws `ConfigError`.
    public func load(flags: ConfigFlags = ConfigFlags()) throws -> LoadedConfig {
        let paths = StandardPaths(environment: environment)
        var config = BuiltInConfig.config(paths: paths)
        var warnings: [ConfigWarning] = []

        let found = try ConfigFileLocator(paths: paths, currentDirectory: currentDirectory).locate(flag: flags.configFile)
        // Each scalar setting's layers by slot key; the defaults come from the declarations.
        var layers: [String: [Layered<any Sendable>]] = [:]
        if let found {
            let text = try readText(found.path)
            var reader = ConfigFileReader(path: found.path, paths: paths)
            try reader.read(text, into: &config)
            for (key, value) in reader.settingValues { layers[key, default: []].append(value) }
            if let line = reader.secretLines.min(), let mode = permissions(of: found.path), mode & 0o077 != 0 {
                warnings.append(ConfigWarning(
                    at: .file(path: found.path, line: line),
                    "the file holds an API key and is readable by others (mode \(String(mode & 0o777, radix: 8))); "
                    + "run 'chmod 600 \(found.path)' or keep the key in an environment variable (api_key_env)"))
            }
        }

        // Variables, then flags: an error in either names the variable or the option.
        let context = SettingContext(paths: paths, directory: currentDirectory)
        for setting in SettingDeclarations.all {
            // An empty variable counts as unset, as shells make it easy to leave one empty.
            guard let variable = setting.environmentVariable, let text = environment[variable], !text.isEmpty else { continue }
            let source = ConfigSource.environment(variable)
            let value = try setting.parse(text, key: setting.key, at: source, context: context)
            for slot in setting.slots { layers[slot.key, default: []].append(Layered(.environment, value, from: source)) }
        }
        for setting in SettingDeclarations.all {
            guard let flag = setting.flag, let text = flags.settings[flag] else { continue }
            let source = ConfigSource.flag(flag)
            let value = try setting.parse(text, key: setting.key, at: source, context: context)
            for slot in setting.slots { layers[slot.key, default: []].append(Layered(.flag, value, from: source)) }
        }
        for setting in SettingDeclarations.all {
            for slot in setting.slots { setting.settle(slot, layers: layers[slot.key] ?? [], into: &config, paths: paths) }
        }

        resolveKeys(&config)
        try ConfigValidator(config: config).validate()
        return LoadedConfig(config: config, file: found?.path, fileSelectedBy: found?.selectedBy,
                            warnings: warnings, demoRequested: flags.demo)
    }

    /// A key in the provider's variable beats a literal one in the file (the environment beats files).
    private func resolveKeys(_ config: inout CouncilConfig) {
        for (name, var provider) in config.providers {
            if let variable = provider.apiKeyEnv, let key = environment[variable], !key.isEmpty {
                provider.apiKey = APIKey(key)
                config.sources[ConfigKey.provider(name, "api_key")] = .environment(variable)
            }
            config.providers[name] = provider
        }
    }

    private func readText(_ path: String) throws -> String {
        let source = ConfigSource.file(path: path, line: 1)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(.unreadableFile, at: source, "cannot read the config file (check its permissions)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(.unreadableFile, at: source, "the config file is not UTF-8 text")
        }
        return text
    }

    private func permissions(of path: String) -> Int? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let number = attributes?[.posixPermissions] as? NSNumber { return number.intValue }
        return attributes?[.posixPermissions] as? Int
    }
}
