@testable import CouncilCLI
import CouncilTestSupport
import PropertyBased
import Testing

/// Invariants of the configuration reader on generated `.councilrc` texts (`Fuzz/Sources/FuzzConfig`
/// fuzzes the same): it reads the file or throws a `ConfigError` naming the file and a line in it.
@Suite struct ConfigReaderProperties {
    static let path = "/props/.councilrc"
    static let pieces = [
        "providers:", "models:", "tiers:", "request:", "stages:", "breaker:", "mode: full", "min_responses: 2", "timeout: 5",
        "\n", "\n  ", "\n    ", "  ", "lab:", "quick:", "base_url: http://127.0.0.1:1/v1", "extra_body:", "{a: 1}",
        "[x, y]", "models: [lab/fast]", "- ", "&a ", "*a", "&b [*a, *a]", "temperature: 3", "''", "\"", "'", ": ", "#", "~",
        "unknwon: 1", "é", "\t", "{", "}", "[", "]", ",", "!!str ", "? ", "---", "...",
    ]

    static func read(_ text: String) throws {
        let paths = StandardPaths(environment: ["HOME": "/props-home"])
        var config = BuiltInConfig.config(paths: paths)
        var reader = ConfigFileReader(path: path, paths: paths)
        try reader.read(text, into: &config)
        try ConfigValidator(config: config).validate()
    }

    @Test func itReadsTheFileOrNamesALineOfIt() async {
        await propertyCheck(count: 500, input: text(of: Self.pieces)) { text in
            do {
                try Self.read(text)
            } catch let error as ConfigError {
                guard case .file(let file, let line) = error.source else { return }
                // YAML ends a line at CR, LF, CRLF, NEL, LS and PS (CRLF counted twice: a bound, not a count;
                // scalars, since a CR and a later LF filtered out of the text make one Character; found by fuzzing).
                let lines = 1 + text.unicodeScalars.filter { [0x0A, 0x0D, 0x85, 0x2028, 0x2029].contains($0.value) }.count
                #expect(file == Self.path)
                #expect((1...lines + 1).contains(line), "\(error)")
            } catch {
                Issue.record("not a ConfigError: \(error)")
            }
        }
    }

    /// Aliases of aliases: 9^6 (531,441) values from a few hundred bytes, refused rather than expanded
    /// into every request (nine levels would be 3.9 billion: a hang, then the memory gone).
    @Test func aliasesCannotMultiplyARequestBody() {
        var text = "request:\n  extra_body:\n    a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1...5 {
            text += "    a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        #expect(throws: ConfigError.self) { try Self.read(text) }
    }
}
