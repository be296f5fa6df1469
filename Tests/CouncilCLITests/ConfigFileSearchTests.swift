import Testing
@testable import CouncilCLI

/// `--config FILE` > `$COUNCIL_CONFIG` > `./.councilrc` > `$XDG_CONFIG_HOME/council/councilrc` > `~/.councilrc`.
@Suite struct ConfigFileSearchTests {
    enum Place: String, Sendable, CaseIterable { case flag, variable, cwd, xdg, home }

    struct Case: Sendable, CustomTestStringConvertible {
        var present: [Place]
        var expected: Place?
        var testDescription: String { present.map(\.rawValue).joined(separator: "+") + " → " + (expected?.rawValue ?? "none") }
    }

    static let cases: [Case] = [
        Case(present: [], expected: nil),
        Case(present: [.home], expected: .home),
        Case(present: [.xdg, .home], expected: .xdg),
        Case(present: [.cwd, .xdg, .home], expected: .cwd),
        Case(present: [.variable, .cwd, .xdg, .home], expected: .variable),
        Case(present: [.flag, .variable, .cwd, .xdg, .home], expected: .flag),
        Case(present: [.flag, .home], expected: .flag),
    ]

    @Test(arguments: cases)
    func theFirstExistingFileIsUsed(_ testCase: Case) async throws {
        try await withSandbox { sandbox in
            let paths: [Place: String] = [
                .flag: sandbox.root + "/named-by-flag.yaml",
                .variable: sandbox.root + "/named-by-variable.yaml",
                .cwd: sandbox.cwd + "/.councilrc",
                .xdg: sandbox.xdgConfig + "/council/councilrc",
                .home: sandbox.home + "/.councilrc",
            ]
            for place in testCase.present { try sandbox.write("mode: synth", to: paths[place]!) }
            var env = ["XDG_CONFIG_HOME": sandbox.xdgConfig]
            if testCase.present.contains(.variable) { env["COUNCIL_CONFIG"] = paths[.variable] }
            let flags = ConfigFlags(configFile: testCase.present.contains(.flag) ? paths[.flag] : nil)

            let loaded = try sandbox.loader(env).load(flags: flags)

            #expect(loaded.file == testCase.expected.flatMap { paths[$0] })
            #expect(loaded.config.mode == (testCase.expected == nil ? .full : .synth))
        }
    }

    @Test func withoutXDGConfigHomeTheDotConfigDirectoryIsSearched() async throws {
        try await withSandbox { sandbox in
            let dotConfig = try sandbox.write("mode: answers", to: sandbox.home + "/.config/council/councilrc")
            try sandbox.write("mode: synth", to: sandbox.home + "/.councilrc")
            let loaded = try sandbox.loader().load()
            #expect(loaded.file == dotConfig)
            #expect(loaded.config.mode == .answers)
        }
    }

    @Test func aFileNamedByTheFlagMustExist() async throws {
        try await withSandbox { sandbox in
            try sandbox.writeConfig("mode: synth")
            let error = try #require(configError { try sandbox.loader().load(flags: ConfigFlags(configFile: "missing.yaml")) })
            #expect(error.kind == .fileNotFound)
            #expect(error.description == "option --config: config file '\(sandbox.cwd)/missing.yaml' does not exist or is not a file")
        }
    }

    @Test func aFileNamedByTheVariableMustExist() async throws {
        try await withSandbox { sandbox in
            let error = try #require(configError { try sandbox.loader(["COUNCIL_CONFIG": "/nowhere/rc"]).load() })
            #expect(error.kind == .fileNotFound)
            #expect(error.description.hasPrefix("environment variable COUNCIL_CONFIG: config file '/nowhere/rc'"))
        }
    }
}
