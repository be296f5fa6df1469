/// A Markdown table (`| a | b |` rows under a `|---|` line) drawn with box characters, each column
/// as wide as its widest cell, the widest shrunk and their cells wrapped until the table fits the terminal.
enum MarkdownTable {

    static func render(_ table: [String], width: Int) -> String {
        guard !table.isEmpty else { return "" }
        let rows = table.map(Self.cells)
        let isSeparator: ([String]) -> Bool = { row in
            !row.isEmpty && row.allSatisfy { cell in !cell.isEmpty && cell.allSatisfy { "-: ".contains($0) } }
        }
        // Without the `|---|` line under its header it is not a table: print it as written.
        guard rows.count >= 2, isSeparator(rows[1]) else { return table.map { $0 + "\n" }.joined() }
        let body = [rows[0]] + rows.dropFirst(2)
        let columns = body.map(\.count).max() ?? 0
        let padded = body.map { $0 + Array(repeating: "", count: columns - $0.count) }
        var widths = (0..<columns).map { column in padded.map { $0[column].count }.max() ?? 0 }
        // Shrink the widest columns until the table fits: `│ a │ b │` costs 3 per column plus 1.
        let available = width - (3 * columns + 1)
        while widths.reduce(0, +) > available, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 4 {
            widths[widest] -= 1
        }
        var lines = [Ansi.dim + "┌" + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: "┬") + "┐" + Ansi.reset]
        for (index, row) in padded.enumerated() {
            let wrapped = row.enumerated().map { Self.wrap($1, width: widths[$0]) }
            let height = wrapped.map(\.count).max() ?? 1
            for line in 0..<height {
                let cells = wrapped.enumerated().map { column, pieces -> String in
                    let piece = line < pieces.count ? pieces[line] : ""
                    let text = piece + String(repeating: " ", count: max(0, widths[column] - piece.count))
                    return index == 0 ? Ansi.bold + text + Ansi.reset : text
                }
                lines.append(Ansi.dim + "│" + Ansi.reset + " " + cells.joined(separator: " " + Ansi.dim + "│" + Ansi.reset + " ") + " " + Ansi.dim + "│" + Ansi.reset)
            }
            if index == 0 {
                lines.append(Ansi.dim + "├" + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: "┼") + "┤" + Ansi.reset)
            }
        }
        lines.append(Ansi.dim + "└" + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: "┴") + "┘" + Ansi.reset)
        return lines.map { $0 + "\n" }.joined()
    }

    /// The cells of `| a | b |`, trimmed, with inline marks (`**`, `` ` ``) dropped.
    private static func cells(_ line: String) -> [String] {
        var text = line.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("|") { text.removeFirst() }
        if text.hasSuffix("|") { text.removeLast() }
        return text.split(separator: "|", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "`", with: "").trimmingCharacters(in: .whitespaces)
        }
    }

    /// `text` in lines of at most `width` characters, broken at spaces where it can be.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard text.count > width, width > 0 else { return [text] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            var word = String(word)
            if line.isEmpty ? word.count <= width : line.count + 1 + word.count <= width {
                line += line.isEmpty ? word : " " + word
                continue
            }
            if !line.isEmpty { lines.append(line); line = "" }
            while word.count > width {
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            line = word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
