import Testing
@testable import CouncilCLI

/// `council config`: each value with its source, keys redacted.
@Suite struct ConfigRenderingTests {
    static let envKey = "sk-or-v1-envsecret0123456789"
    static let fileKey = "sk-filesecret0123456789"
    static let headerToken = "Bearer headersecret0123456789"

    func renderedConfig() throws -> (text: String, path: String) {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = try sandbox.writeConfig("""
            mode: synth
            providers:
              openai:
                api_key: \(Self.fileKey)
              gateway:
                base_url: http://gateway.local/v1
                headers:
                  Authorization: \(Self.headerToken)
                  X-Team: research
            """)
        let loaded = try sandbox.loader(["OPENROUTER_API_KEY": Self.envKey, "COUNCIL_TIER": "quick"])
            .load(flags: ConfigFlags(settings: ["--min-responses": "2"]))
        return (ConfigRenderer.render(loaded), path)
    }

    @Test func keysNeverAppearButTheirVariablesDo() throws {
        let (text, _) = try renderedConfig()
        #expect(!text.contains(Self.envKey))
        #expect(!text.contains("envsecret"))
        #expect(!text.contains(Self.fileKey))
        #expect(!text.contains("headersecret"))
        #expect(text.contains("OPENROUTER_API_KEY"))
        #expect(line(in: text, key: "providers.openrouter.api_key")?.contains("set (from $OPENROUTER_API_KEY)") == true)
        #expect(line(in: text, key: "providers.openai.api_key")?.contains("set (literal in the config file)") == true)
        #expect(line(in: text, key: "providers.gateway.headers.Authorization")?.contains("[redacted]") == true)
        #expect(line(in: text, key: "providers.gateway.headers.X-Team")?.contains("research") == true)
        #expect(line(in: text, key: "providers.ollama.api_key")?.contains("not needed") == true)
    }

    @Test func everyValueShowsWhereItCameFrom() throws {
        let (text, path) = try renderedConfig()
        #expect(text.contains("# config file: \(path)"))
        #expect(line(in: text, key: "mode")?.hasSuffix("file:\(path):1") == true)
        #expect(line(in: text, key: "default_tier")?.hasSuffix("env:COUNCIL_TIER") == true)
        #expect(line(in: text, key: "min_responses")?.hasSuffix("flag:--min-responses") == true)
        #expect(line(in: text, key: "chairman")?.hasSuffix("default") == true)
        #expect(line(in: text, key: "tiers.high.budget")?.contains("180 s") == true)
        #expect(line(in: text, key: "breaker.failure_threshold")?.contains("0.25") == true)
    }

    @Test func aMissingKeyIsShownAsNotSet() async throws {
        try await withSandbox { sandbox in
            let text = ConfigRenderer.render(try sandbox.loader().load())
            #expect(line(in: text, key: "providers.openrouter.api_key")?.contains("not set ($OPENROUTER_API_KEY") == true)
            #expect(text.contains("# config file: none (built-in defaults)"))
        }
    }

    /// The line for exactly `key` (a key followed by spaces).
    func line(in text: String, key: String) -> String? {
        text.split(separator: "\n").map(String.init).first { $0.hasPrefix(key + " ") }
    }

    @Test func aLongValueWrapsUnderItsColumnAndTheSourcesStayInLine() {
        let long = (1...12).map { "provider/model-number-\($0)" }.joined(separator: ", ")
        let lines = ConfigRenderer.table([
            .init(key: "tiers.high.models", value: long, source: .file(path: "/c", line: 3)),
            .init(key: "mode", value: "full", source: .builtInDefault),
        ])
        let sourceColumn = "tiers.high.models".count + 2 + ConfigRenderer.valueColumn + 2
        #expect(lines.count > 3, "the long value wrapped")
        #expect(lines[0].hasSuffix("file:/c:3") && lines.last!.hasSuffix("default"))
        #expect(lines[0].count == sourceColumn + "file:/c:3".count && lines.last!.count == sourceColumn + "default".count,
                "sources start in one column: \(lines)")
        #expect(lines.dropFirst().dropLast().allSatisfy { $0.hasPrefix(String(repeating: " ", count: "tiers.high.models".count + 2)) })
        let text = lines.joined(separator: "\n")
        #expect((1...12).allSatisfy { text.contains("provider/model-number-\($0)") }, "nothing lost")
    }
}
