import Testing
@testable import CouncilCLI

/// A key written into a file that others can read is worth a warning; the loader returns it, never prints it.
@Suite struct ConfigPermissionsTests {
    static let secret = "sk-literal-0123456789abcdef"
    static let withKey = """
        providers:
          openrouter:
            api_key: \(secret)
        """

    @Test(arguments: [0o644, 0o640, 0o604])
    func aReadableFileWithAKeyIsWarnedAbout(mode: Int) async throws {
        try await withSandbox { sandbox in
            let path = try sandbox.writeConfig(Self.withKey, mode: mode)
            let loaded = try sandbox.loader().load()
            #expect(loaded.warnings.count == 1)
            let warning = try #require(loaded.warnings.first)
            #expect(warning.source == .file(path: path, line: 3))
            #expect(warning.description.contains("readable by others"))
            #expect(!warning.description.contains(Self.secret))
        }
    }

    @Test func aPrivateFileWithAKeyIsFine() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig(Self.withKey, mode: 0o600)
            #expect(try sandbox.loader().load().warnings.isEmpty)
        }
    }

    @Test func aReadableFileWithoutAKeyIsFine() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig("providers:\n  openrouter:\n    api_key_env: MY_KEY\n", mode: 0o644)
            #expect(try sandbox.loader().load().warnings.isEmpty)
        }
    }

    @Test func anAuthorizationHeaderCountsAsAKey() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig("providers:\n  gateway:\n    base_url: http://gw/v1\n    headers:\n      Authorization: Bearer abcdef123456\n",
                                    mode: 0o644)
            let warnings = try sandbox.loader().load().warnings
            #expect(warnings.map(\.source) == [.file(path: sandbox.cwd + "/.councilrc", line: 5)])
        }
    }

    @Test func theLiteralKeyIsUsedWhenItsVariableIsUnsetAndTheVariableWinsOtherwise() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig(Self.withKey)
            let literal = try sandbox.loader().load().config.providers["openrouter"]?.apiKey
            #expect(literal?.reveal() == Self.secret)
            let fromEnv = try sandbox.loader(["OPENROUTER_API_KEY": "sk-env-9876543210"]).load().config
            #expect(fromEnv.providers["openrouter"]?.apiKey?.reveal() == "sk-env-9876543210")
            #expect(fromEnv.source(of: ConfigKey.provider("openrouter", "api_key")) == .environment("OPENROUTER_API_KEY"))
        }
    }
}
