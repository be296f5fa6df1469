import Foundation

/// The JSON that `--json` prints for scripts: snake_case keys, sorted, pretty, slashes left as they are.
enum ScriptJSON {
    static func text(_ value: some Encodable, orElse fallback: String) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? fallback
    }
}
