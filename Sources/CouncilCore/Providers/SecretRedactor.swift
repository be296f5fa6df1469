import Foundation

/// Removes API keys from any text that may reach a user: server messages can echo the key back.
public struct SecretRedactor: Sendable {
    private let secrets: [String]

    public init(secrets: [String?]) {
        // Longest first so a key that contains another is replaced whole.
        self.secrets = secrets.compactMap { $0 }.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    public func redact(_ text: String) -> String {
        Self.redactMaskedKeys(Self.redactKeyShapes(redactKnownSecrets(text)))
    }

    /// A gateway's 401 may quote the key masked (`wron****efgh`): four or more key characters next to a
    /// run of `*` are hidden too. Only in errors: in an answer `word**bold**` is Markdown.
    private static let maskedKey = try! NSRegularExpression(
        pattern: #"[A-Za-z0-9_\-]{4,}\*{2,}[A-Za-z0-9_\-]*|[A-Za-z0-9_\-]*\*{2,}[A-Za-z0-9_\-]{4,}"#)

    static func redactMaskedKeys(_ text: String) -> String {
        guard text.contains("**") else { return text }
        let range = NSRange(text.startIndex..., in: text)
        return maskedKey.stringByReplacingMatches(in: text, range: range, withTemplate: "[redacted]")
    }

    /// Only this endpoint's own secrets: for a model's answer, where `sk-…` may be a harmless example.
    public func redactKnownSecrets(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: "[redacted]")
        }
        return result
    }

    /// How much of the end of `text` could be the start of a secret: a stream holds that much back
    /// until the next delta shows whether it is one.
    public func possibleSecretPrefixLength(atEndOf text: String) -> Int {
        var longest = 0
        for secret in secrets {
            var length = min(secret.count - 1, text.count)
            while length > longest {
                if text.hasSuffix(secret.prefix(length)) {
                    longest = length
                    break
                }
                length -= 1
            }
        }
        return longest
    }

    /// Key-like tokens (`sk-…`, `sk-or-v1-…`, `Bearer …`) are hidden even when they are not our key,
    /// e.g. a gateway quoting a partial key such as `sk-abc***xyz`.
    static func redactKeyShapes(_ text: String) -> String {
        guard text.contains("sk-") || text.contains("Bearer ") else { return text }
        var output = ""
        var rest = Substring(text)
        while let marker = nextMarker(in: rest) {
            output += rest[..<marker.lowerBound]
            var end = marker.upperBound
            while end < rest.endIndex, Self.isKeyCharacter(rest[end]) { end = rest.index(after: end) }
            let secretLength = rest.distance(from: marker.upperBound, to: end)
            output += secretLength >= 4 ? "[redacted]" : String(rest[marker.lowerBound..<end])
            rest = rest[end...]
        }
        return output + rest
    }

    /// The earliest `Bearer ` or word-initial `sk-` (not the `sk-` inside `task-1234`).
    private static func nextMarker(in text: Substring) -> Range<Substring.Index>? {
        var bearer = text.range(of: "Bearer ")
        var search = text[...]
        while let candidate = search.range(of: "sk-") {
            let atWordStart = candidate.lowerBound == text.startIndex || !isKeyCharacter(text[text.index(before: candidate.lowerBound)])
            if atWordStart {
                if bearer == nil || candidate.lowerBound < bearer!.lowerBound { bearer = candidate }
                break
            }
            search = text[candidate.upperBound...]
        }
        return bearer
    }

    private static func isKeyCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "-" || c == "_" || c == "*"
    }
}
