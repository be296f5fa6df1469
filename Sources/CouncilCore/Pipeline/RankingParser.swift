import Foundation

/// Reads the ranking at the end of a reviewer's reply. Lenient about form (whitespace, markdown
/// emphasis, code fences, case, JSON), strict about content (every label once, no duplicates).
public enum RankingParser {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case noRanking
        case duplicate(String)
        case missing([String])

        public var description: String {
            switch self {
            case .noRanking: "no FINAL RANKING list or JSON ranking found"
            case .duplicate(let label): "Response \(label) is ranked twice"
            case .missing(let labels): "ranking leaves out " + labels.map { "Response \($0)" }.joined(separator: ", ")
            }
        }
    }

    /// Parses `reply` against the labels that exist; returns them best first.
    public static func parse(_ reply: String, labels: [String]) -> Result<[String], Failure> {
        let valid = Set(labels)
        let cleaned = clean(reply)
        guard let candidates = listAfterLastMarker(cleaned) ?? jsonRanking(cleaned), !candidates.isEmpty else {
            return .failure(.noRanking)
        }
        var ranking: [String] = []
        for label in candidates where valid.contains(label) {
            if ranking.contains(label) { return .failure(.duplicate(label)) }
            ranking.append(label)
        }
        guard !ranking.isEmpty else { return .failure(.noRanking) }
        let missing = labels.filter { !ranking.contains($0) }
        return missing.isEmpty ? .success(ranking) : .failure(.missing(missing))
    }

    /// Drops markdown emphasis and code-fence lines, which models sprinkle around rankings.
    static func clean(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("```") }
            .joined(separator: "\n")
            .replacingOccurrences(of: "**", with: "")
            .replacingOccurrences(of: "__", with: "")
            .replacingOccurrences(of: "`", with: "")
            .replacingOccurrences(of: "*", with: "")
            .replacingOccurrences(of: "#", with: "")
    }

    private static let labelPattern = try! NSRegularExpression(pattern: #"\bresponse\s+([a-z]{1,2})\b"#, options: [.caseInsensitive])
    private static let bareItemPattern = try! NSRegularExpression(pattern: #"^\s*\d+\s*[.):-]?\s*([a-z]{1,2})\s*[.,;:)-]?\s*(?:[-–—(].*)?$"#, options: [.caseInsensitive])

    /// The labels listed after the last `FINAL RANKING` marker, up to the first blank line after the list.
    static func listAfterLastMarker(_ text: String) -> [String]? {
        guard let marker = text.range(of: "final ranking", options: [.caseInsensitive, .backwards]) else { return nil }
        var rest = text[marker.upperBound...]
        if rest.first == ":" { rest = rest.dropFirst() }
        var labels: [String] = []
        var started = false
        for line in rest.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if started { break } else { continue }
            }
            let found = labelsIn(trimmed)
            if found.isEmpty {
                if started { break } else { continue }
            }
            started = true
            labels += found
        }
        return labels
    }

    private static func labelsIn(_ line: String) -> [String] {
        let range = NSRange(line.startIndex..., in: line)
        let named = labelPattern.matches(in: line, range: range).compactMap { match in
            Range(match.range(at: 1), in: line).map { line[$0].uppercased() }
        }
        if !named.isEmpty { return named }
        if let match = bareItemPattern.firstMatch(in: line, range: range), let group = Range(match.range(at: 1), in: line) {
            return [line[group].uppercased()]
        }
        return []
    }

    /// Objects tried at most, and the bytes one may span: a ranking object is short, and a reply of
    /// braces made every `{` a parse of the rest: 5.7 s for 20,000, hours for the 4 MiB cap.
    static let maxJSONAttempts = 64, maxJSONObjectBytes = 64 << 10

    /// `{"ranking": ["Response B", "A"]}`: the last such object in the reply. One pass from the end,
    /// trying each `{` up to the first `}` after it, only when a `"ranking"` key lies between them.
    static func jsonRanking(_ text: String) -> [String]? {
        struct Wire: Decodable { var ranking: [String] }
        let bytes = Array(text.utf8), key = Array(#""ranking""#.utf8)
        var close: Int?, keyAt: Int?, attempts = 0
        for index in bytes.indices.reversed() {
            switch bytes[index] {
            case UInt8(ascii: "}"): close = index
            case UInt8(ascii: "\""): if bytes[index...].starts(with: key) { keyAt = index }
            case UInt8(ascii: "{"):
                guard let close, let keyAt, keyAt < close, close - index <= maxJSONObjectBytes else { continue }
                if let wire = try? JSONDecoder().decode(Wire.self, from: Data(bytes[index...close])) {
                    return wire.ranking.map { item in
                        let word = item.trimmingCharacters(in: .whitespaces)
                        let label = word.lowercased().hasPrefix("response") ? String(word.dropFirst("response".count)) : word
                        return label.trimmingCharacters(in: .whitespaces).uppercased()
                    }
                }
                attempts += 1
                if attempts == maxJSONAttempts { return nil }
            default: break
            }
        }
        return nil
    }
}
