/// Joins physical lines into one entry. A line ending in a backslash continues on the next line
/// (the backslash is removed); a line that is just `"""` opens a block that the next `"""` line
/// closes, and everything between is taken verbatim. Lines are joined with newlines.
public struct MultilineJoiner: Sendable {
    public enum Step: Equatable, Sendable {
        case complete(String)
        case needsMore
    }

    private static let blockDelimiter = "\"\"\""

    private var pending: [String] = []
    private var inBlock = false
    private var continuing = false

    public init() {}

    /// True when the next line continues the current entry (show the continuation prompt).
    public var isContinuing: Bool { inBlock || continuing }

    /// The text gathered so far, if any (for input that ends inside an entry).
    public var partialEntry: String? { isContinuing ? pending.joined(separator: "\n") : nil }

    public mutating func add(_ line: String) -> Step {
        if inBlock {
            if isDelimiter(line) { return finish() }
            pending.append(line)
            return .needsMore
        }
        if !continuing, isDelimiter(line) {
            inBlock = true
            return .needsMore
        }
        if line.hasSuffix("\\") {
            pending.append(String(line.dropLast()))
            continuing = true
            return .needsMore
        }
        pending.append(line)
        return finish()
    }

    public mutating func reset() {
        pending = []
        inBlock = false
        continuing = false
    }

    private mutating func finish() -> Step {
        let entry = pending.joined(separator: "\n")
        reset()
        return .complete(entry)
    }

    private func isDelimiter(_ line: String) -> Bool {
        line.trimmingWhitespace() == Self.blockDelimiter
    }
}
