/// Renders Markdown for a terminal while it streams in: text is written as soon as it can be styled,
/// holding back only what it must — the first few characters of a line until its kind is known
/// (heading, list, quote, fence, table, rule), a `*` until the next character says bold or italic, a
/// link until its `)`, and a table until its last row, so it can be aligned to the terminal's width.
///
/// Written here rather than taken from a library: Ink (the Markdown parser in our package set) turns a
/// whole document into HTML, and a streaming answer has neither a whole document nor a use for HTML.
/// Feed it text that `StreamSanitizer` has already stripped of control sequences.
struct MarkdownStream {
    private enum Kind: Equatable { case paragraph, heading, quote, list, code }

    /// Terminal width, for tables and rules.
    let width: Int
    private var pending = ""
    /// The last character fed, held back until more text comes: the next delta may extend it (an
    /// accent, a joiner: `)` + U+200D is one character, not a link's end), and what is written cannot
    /// be taken back. Without it the output depended on where the deltas were cut (found by its property test).
    private var provisional = ""
    private var lineStart = true
    private var kind = Kind.paragraph
    private var fenced = false
    private var bold = false, italic = false, inlineCode = false
    private var table: [String] = []
    private var previous: Character = " "

    init(width: Int) { self.width = max(20, width) }

    /// Styled text for what can be rendered so far.
    mutating func feed(_ text: String) -> String {
        // Each step shifts `pending`: a long delta (a whole answer at once) goes in slices, or one pass
        // over it would be quadratic. Cut anywhere, the output is the same.
        if text.utf8.count > Self.sliceBytes { return Self.slices(of: text).map { feed($0) }.joined() }
        pending += provisional + text
        provisional = pending.popLast().map(String.init) ?? ""
        return drain(final: false)
    }

    /// Everything held back, rendered as well as it can be, with styles closed.
    mutating func finish() -> String {
        pending += provisional
        provisional = ""
        var out = drain(final: true)
        out += flushTable()
        if bold || italic || inlineCode || kind != .paragraph || fenced { out += Ansi.reset }
        bold = false; italic = false; inlineCode = false; kind = .paragraph; fenced = false
        return out
    }

    /// A line longer than this is a paragraph: its kind never waits for its end, which kept a long
    /// `|` or `---` line in `pending` and rescanned it for every delta.
    static let maxHeldLineBytes = 8 << 10
    static let sliceBytes = 512

    /// Slices of at most `sliceBytes`, cut between scalars (one character may be longer than a slice).
    static func slices(of text: String) -> [String] {
        let scalars = text.unicodeScalars
        var pieces: [String] = [], start = scalars.startIndex
        while start < scalars.endIndex {
            let end = scalars.index(start, offsetBy: sliceBytes / 4, limitedBy: scalars.endIndex) ?? scalars.endIndex
            pieces.append(String(scalars[start..<end]))
            start = end
        }
        return pieces
    }

    // MARK: - Lines

    private mutating func drain(final: Bool) -> String {
        var out = ""
        while !pending.isEmpty {
            if lineStart {
                guard let step = startLine(final: final) else { break }
                out += step
            } else {
                guard let step = continueLine(final: final) else { break }
                out += step
            }
        }
        return out
    }

    /// Decides what the line at the start of `pending` is; nil when more text is needed to tell.
    private mutating func startLine(final: Bool) -> String? {
        if pending.utf8.count > Self.maxHeldLineBytes, !pending.utf8.prefix(Self.maxHeldLineBytes).contains(0x0A) {
            return (table.isEmpty ? "" : flushTable()) + begin(.paragraph, prefix: "", dropping: 0)
        }
        let newline = pending.firstIndex(of: "\n")
        let line = newline.map { String(pending[..<$0]) } ?? pending
        let complete = newline != nil || final
        let trimmed = line.drop { $0 == " " }
        let indent = String(repeating: " ", count: line.count - trimmed.count)

        // A table is a run of lines starting with `|`, rendered once the run ends.
        if trimmed.hasPrefix("|"), !fenced {
            guard complete else { return nil }
            table.append(line)
            consumeLine(newline)
            return ""
        }
        // The line after a table: the table is drawn once this line's kind is known. Drawn before a
        // wait for more text, it was lost whenever that line came in two deltas (found by its property test).
        guard let step = startOtherLine(line, trimmed: trimmed, indent: indent, newline: newline, complete: complete) else { return nil }
        return (table.isEmpty ? "" : flushTable()) + step
    }

    /// A line that is not a table's: its kind decided, its marker written; nil when more text is needed.
    private mutating func startOtherLine(_ line: String, trimmed: Substring, indent: String, newline: String.Index?,
                                         complete: Bool) -> String? {

        if fenced {
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                guard complete else { return nil }
                fenced = false
                consumeLine(newline)
                return Ansi.dim + indent + "└─" + Ansi.reset + "\n"
            }
            // `~` may begin a closing `~~~` as `` ` `` begins ```` ``` ```` (found by fuzzing).
            if !complete, trimmed.count < 3, "```".hasPrefix(trimmed) || "~~~".hasPrefix(trimmed) { return nil }
            kind = .code
            lineStart = false
            return Ansi.code + "│ "
        }
        if !complete, trimmed.count < 3, trimmed.allSatisfy({ $0 == "`" }) || trimmed.allSatisfy({ $0 == "~" }) { return nil }
        if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
            guard complete else { return nil }
            fenced = true
            let language = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces)
            consumeLine(newline)
            return Ansi.dim + indent + "┌─" + (language.isEmpty ? "" : " \(language)") + Ansi.reset + "\n"
        }
        guard let first = trimmed.first else {
            // Blank so far: a blank line, or indentation still to come.
            guard complete else { return nil }
            consumeLine(newline)
            return "\n"
        }
        // Most lines start with a letter: no marker to wait for.
        if first.isLetter || (first.isNumber && trimmed.count > 4 && !trimmed.prefix(4).contains(where: { $0 == "." || $0 == ")" })) {
            return begin(.paragraph, prefix: "", dropping: 0)
        }
        if first == "#" {
            let hashes = trimmed.prefix { $0 == "#" }.count
            if hashes == trimmed.count, !complete { return nil }
            if hashes <= 6, trimmed.dropFirst(hashes).first == " " {
                return begin(.heading, prefix: Ansi.heading, dropping: line.count - trimmed.count + hashes + 1)
            }
            return begin(.paragraph, prefix: "", dropping: 0)
        }
        if first == ">" {
            if trimmed.count < 2, !complete { return nil }
            let drop = line.count - trimmed.count + (trimmed.dropFirst().first == " " ? 2 : 1)
            return begin(.quote, prefix: Ansi.dim + indent + "│ " + Ansi.reset + Ansi.quote, dropping: drop)
        }
        if "-*_".contains(first) {
            // A rule (`---`, `***`) needs the whole line; a bullet only its marker and a space.
            if trimmed.count < 2, !complete { return nil }
            if trimmed.dropFirst().first == " ", first != "_" {
                if !complete, trimmed.allSatisfy({ $0 == first || $0 == " " }) { return nil }
                if complete, Self.isRule(trimmed) { consumeLine(newline); return Ansi.dim + String(repeating: "─", count: min(width, 40)) + Ansi.reset + "\n" }
                return begin(.list, prefix: indent + Ansi.bullet + "•" + Ansi.reset + " ", dropping: line.count - trimmed.count + 2)
            }
            if trimmed.allSatisfy({ $0 == first }) {
                guard complete else { return nil }
                if Self.isRule(trimmed) { consumeLine(newline); return Ansi.dim + String(repeating: "─", count: min(width, 40)) + Ansi.reset + "\n" }
            }
            return begin(.paragraph, prefix: "", dropping: 0)
        }
        if first.isNumber {
            let digits = trimmed.prefix { $0.isNumber }
            let after = trimmed.dropFirst(digits.count)
            if after.isEmpty || (after.count == 1 && ".)".contains(after.first!)), !complete { return nil }
            if let marker = after.first, ".)".contains(marker), after.dropFirst().first == " " {
                return begin(.list, prefix: indent + Ansi.bullet + digits + String(marker) + Ansi.reset + " ",
                                   dropping: line.count - trimmed.count + digits.count + 2)
            }
        }
        return begin(.paragraph, prefix: "", dropping: 0)
    }

    private mutating func begin(_ kind: Kind, prefix: String, dropping count: Int) -> String {
        self.kind = kind
        lineStart = false
        previous = " "
        pending.removeFirst(count)
        return prefix
    }

    private mutating func consumeLine(_ newline: String.Index?) {
        if let newline { pending.removeSubrange(...newline) } else { pending = "" }
        lineStart = true
    }

    private static func isRule(_ line: Substring) -> Bool {
        let marks = line.filter { $0 != " " }
        return marks.count >= 3 && Set(marks).count == 1
    }

    // MARK: - Inside a line

    /// Renders what it can of the current line; nil when the next character must be seen first.
    private mutating func continueLine(final: Bool) -> String? {
        var out = ""
        while let character = pending.first {
            if character == "\n" {
                pending.removeFirst()
                let wasStyled = kind != .paragraph || bold || italic || inlineCode
                bold = false; italic = false; inlineCode = false
                if kind == .code { kind = .paragraph }
                kind = .paragraph
                lineStart = true
                return out + (wasStyled ? Ansi.reset : "") + "\n"
            }
            if kind == .code {
                out.append(character)
                pending.removeFirst()
                continue
            }
            if character == "`" {
                inlineCode.toggle()
                pending.removeFirst()
                out += restyle()
                previous = character
                continue
            }
            if inlineCode {
                out.append(character)
                pending.removeFirst()
                previous = character
                continue
            }
            if character == "*" || character == "_" {
                guard !pending.dropFirst().isEmpty || final else { return out.isEmpty ? nil : out }
                let next = pending.dropFirst().first
                if next == character {
                    pending.removeFirst(2)
                    bold.toggle()
                    out += restyle()
                    previous = character
                    continue
                }
                // A single mark is emphasis only at a word's edge: `snake_case` and `2 * 3` stay as they are.
                let opens = !italic && previous.isWhitespaceOrPunctuation && next.map { !$0.isWhitespace } == true
                let closes = italic && !previous.isWhitespace
                if opens || closes {
                    pending.removeFirst()
                    italic.toggle()
                    out += restyle()
                    previous = character
                    continue
                }
            }
            if character == "[" {
                switch MarkdownLink.find(in: pending) {
                case .incomplete where !final:
                    return out.isEmpty ? nil : out
                case .found(let text, let url, let length):
                    pending.removeFirst(length)
                    out += Ansi.underline + text + Ansi.reset + restyle(resetFirst: false) + " " + Ansi.dim + "(\(url))" + Ansi.reset + restyle(resetFirst: false)
                    previous = ")"
                    continue
                default:
                    break
                }
            }
            out.append(character)
            pending.removeFirst()
            previous = character
        }
        return out
    }

    private mutating func flushTable() -> String {
        defer { table = [] }
        return MarkdownTable.render(table, width: width)
    }

    /// The escape codes for the styles now in force, after a reset.
    private func restyle(resetFirst: Bool = true) -> String {
        var codes = resetFirst ? Ansi.reset : ""
        switch kind {
        case .heading: codes += Ansi.heading
        case .quote: codes += Ansi.quote
        default: break
        }
        if bold { codes += Ansi.bold }
        if italic { codes += Ansi.italic }
        if inlineCode { codes += Ansi.code }
        return codes
    }
}

private extension Character {
    var isWhitespaceOrPunctuation: Bool { isWhitespace || isPunctuation || self == "(" }
}
