import Foundation
import Testing
@testable import CouncilCLI

/// A scratch directory with a fake home, working directory and XDG config directory, removed afterwards.
struct Sandbox {
    let root: String
    var home: String { root + "/home" }
    var cwd: String { root + "/work" }
    var xdgConfig: String { root + "/xdg-config" }

    init() throws {
        root = FileManager.default.temporaryDirectory.path + "/council-config-" + UUID().uuidString
        for directory in [home, cwd, xdgConfig] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
    }

    /// The environment a test starts from: only HOME, nothing from the real process.
    var environment: [String: String] { ["HOME": home] }

    @discardableResult
    func write(_ text: String, to path: String, mode: Int = 0o600) throws -> String {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    /// Writes `text` as `./.councilrc` in the working directory.
    @discardableResult
    func writeConfig(_ text: String, mode: Int = 0o600) throws -> String {
        try write(text, to: cwd + "/.councilrc", mode: mode)
    }

    func loader(_ extra: [String: String] = [:]) -> ConfigLoader {
        ConfigLoader(environment: environment.merging(extra) { _, new in new }, currentDirectory: cwd)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

/// Runs `body` in a fresh sandbox and removes it afterwards, also when the body throws.
func withSandbox<T>(_ body: (Sandbox) async throws -> T) async throws -> T {
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    return try await body(sandbox)
}

/// Expects loading to fail with a `ConfigError` and returns it.
func configError(_ body: () throws -> LoadedConfig) -> ConfigError? {
    do {
        let loaded = try body()
        Issue.record("expected a ConfigError, got a configuration (default tier \(loaded.config.defaultTier))")
        return nil
    } catch let error as ConfigError {
        return error
    } catch {
        Issue.record("expected a ConfigError, got \(error)")
        return nil
    }
}
