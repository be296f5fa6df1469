/// A Markdown link at the start of the text `MarkdownStream` holds: found, not yet decidable, or none.
enum MarkdownLink {
    case found(text: String, url: String, length: Int), incomplete, none

    /// `[text](url)` at the start of `text`: a text of at most 200 characters, a url of at most 300,
    /// looked for only that far (it looked to the end of `pending` for each `[`, and whether a long text
    /// made a link depended on how much of it had come).
    static func find(in text: String) -> MarkdownLink {
        let head = text.prefix(202)
        guard let close = head.firstIndex(of: "]") else { return head.count == 202 || head.contains("\n") ? .none : .incomplete }
        let label = text[text.index(after: text.startIndex)..<close]
        guard !label.contains("\n") else { return .none }
        let rest = text[text.index(after: close)...]
        guard let open = rest.first else { return .incomplete }
        guard open == "(" else { return .none }
        let tail = rest.prefix(302)
        guard let end = tail.firstIndex(of: ")") else { return tail.count == 302 || tail.contains("\n") ? .none : .incomplete }
        let url = rest[rest.index(after: rest.startIndex)..<end]
        guard !url.contains(" "), !url.contains("\n") else { return .none }
        return .found(text: String(label), url: String(url), length: text.distance(from: text.startIndex, to: end) + 1)
    }
}
