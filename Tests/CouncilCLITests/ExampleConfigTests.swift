import Foundation
import Testing
@testable import CouncilCLI

/// `.councilrc.example` documents the defaults: loading it must change nothing but the sources.
@Suite struct ExampleConfigTests {
    static let examplePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".councilrc.example").path

    @Test func theExampleLoadsAndEqualsTheBuiltInDefaults() async throws {
        try await withSandbox { sandbox in
            let fromExample = try sandbox.loader().load(flags: ConfigFlags(configFile: Self.examplePath)).config
            let defaults = try sandbox.loader().load().config
            var a = fromExample, b = defaults
            a.sources = [:]
            b.sources = [:]
            #expect(a == b)
            #expect(fromExample.source(of: ConfigKey.tier(.reasoning, "budget")) != .builtInDefault)
        }
    }

    @Test func theExampleMentionsEveryKeyTheSchemaAccepts() throws {
        let text = try String(contentsOfFile: Self.examplePath, encoding: .utf8)
        let keys = ConfigSchema.topLevel + ConfigSchema.provider + ConfigSchema.model + ConfigSchema.price
            + ConfigSchema.tiers + ConfigSchema.tier + ConfigSchema.fields(of: "breaker")
            + ConfigSchema.request + ConfigSchema.stages + ConfigSchema.stage
        for key in keys {
            #expect(text.contains("\(key):"), "the example does not document '\(key)'")
        }
        for setting in SettingDeclarations.all {
            if let variable = setting.environmentVariable { #expect(text.contains(variable)) }
            if let flag = setting.flag { #expect(text.contains(flag)) }
        }
    }
}
