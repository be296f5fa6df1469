import Foundation

/// The answers as the reviewers and the chairman see them: each between its own
/// `=== Response X ===` and `=== end of Response X ===` lines, blocks separated by a blank line.
///
/// One type writes the format (peer review, synthesis) and reads it back (the demo council, the
/// scripted test server), so the two sides cannot drift apart.
///
/// Reading rules, for answers that contain lines looking like delimiters: a block opened by
/// `=== Response X ===` ends at the first `=== end of Response X ===` line after it, so a line inside
/// an answer that looks like another block's opener or closer stays part of that answer. An opener
/// without its closer is not a block, and text outside blocks is ignored. An answer that itself
/// contains its own closing line ends there: the writer does not rewrite what a model said.
public enum ResponseBlocks {
    /// One answer under its anonymous label.
    public struct Block: Sendable, Equatable {
        public var label: String
        public var text: String

        public init(label: String, text: String) {
            self.label = label
            self.text = text
        }
    }

    public static func opener(_ label: String) -> String { "=== Response \(label) ===" }
    public static func closer(_ label: String) -> String { "=== end of Response \(label) ===" }

    /// The blocks in order, separated by one blank line.
    public static func render(_ blocks: [Block]) -> String {
        blocks.map { "\(opener($0.label))\n\($0.text)\n\(closer($0.label))" }.joined(separator: "\n\n")
    }

    /// The blocks found in `text`, in order of appearance (see the reading rules above).
    public static func parse(_ text: String) -> [Block] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var blocks: [Block] = []
        var index = lines.startIndex
        while index < lines.endIndex {
            guard let label = label(ofOpener: lines[index]),
                  let end = lines[(index + 1)...].firstIndex(where: { isCloser($0, of: label) }) else {
                index += 1
                continue
            }
            blocks.append(Block(label: label, text: lines[(index + 1)..<end].joined(separator: "\n")))
            index = end + 1
        }
        return blocks
    }

    /// The label of a `=== Response X ===` line (surrounding spaces allowed); a label is one word.
    static func label(ofOpener line: Substring) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let prefix = "=== Response ", suffix = " ==="
        guard trimmed.hasPrefix(prefix), trimmed.hasSuffix(suffix), trimmed.count > prefix.count + suffix.count else {
            return nil
        }
        let label = String(trimmed.dropFirst(prefix.count).dropLast(suffix.count))
        return label.isEmpty || label.contains(" ") ? nil : label
    }

    static func isCloser(_ line: Substring, of label: String) -> Bool {
        line.trimmingCharacters(in: .whitespaces) == closer(label)
    }
}
