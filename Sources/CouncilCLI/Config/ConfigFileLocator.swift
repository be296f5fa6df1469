import Foundation

/// Finds the configuration file: `--config FILE` > `$COUNCIL_CONFIG` > `./.councilrc` >
/// `$XDG_CONFIG_HOME/council/councilrc` > `~/.councilrc`. A file named explicitly must exist; of the
/// others the first that exists is used, and none at all means built-in defaults.
struct ConfigFileLocator {
    let paths: StandardPaths
    let currentDirectory: String

    struct Found: Equatable {
        var path: String
        /// `flag:--config`, `env:COUNCIL_CONFIG`, or `default` when found on the search path.
        var selectedBy: ConfigSource
    }

    func locate(flag: String?) throws -> Found? {
        if let flag {
            return try explicit(flag, source: .flag("--config"))
        }
        if let variable = paths.environment["COUNCIL_CONFIG"], !variable.isEmpty {
            return try explicit(variable, source: .environment("COUNCIL_CONFIG"))
        }
        return searchPath.first(where: isFile).map { Found(path: $0, selectedBy: .builtInDefault) }
    }

    /// The places looked at when no file is named, in order.
    var searchPath: [String] {
        var candidates = [paths.join(currentDirectory, ".councilrc")]
        if let xdg = paths.xdgConfigFile { candidates.append(xdg) }
        if let home = paths.home { candidates.append(paths.join(home, ".councilrc")) }
        return candidates
    }

    private func explicit(_ path: String, source: ConfigSource) throws -> Found {
        let resolved = paths.resolve(path, relativeTo: currentDirectory)
        guard isFile(resolved) else {
            throw ConfigError(.fileNotFound, at: source, "config file '\(resolved)' does not exist or is not a file")
        }
        return Found(path: resolved, selectedBy: source)
    }

    private func isFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
