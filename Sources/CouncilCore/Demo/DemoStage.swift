import Foundation

/// Which pipeline stage a request belongs to, recognised the way the pipeline phrases its prompts.
enum DemoStage: Equatable {
    case generation(question: String)
    /// The labels found between `=== Response X ===` delimiters, in order of appearance.
    case review(labels: [String])
    case synthesis(answerCount: Int)

    init(messages: [ChatMessage]) {
        let system = messages.first { $0.role == .system }?.content
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let user = messages.last { $0.role == .user }?.content ?? ""
        if system.hasPrefix("You are reviewing") {
            self = .review(labels: Self.labels(in: user))
        } else if system.hasPrefix("You are the chairman") {
            self = .synthesis(answerCount: Self.labels(in: user).count)
        } else {
            self = .generation(question: user)
        }
    }

    /// Labels of lines `=== Response X ===` (not the `=== end of Response X ===` closers), each once.
    static func labels(in text: String) -> [String] {
        var labels: [String] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let prefix = "=== Response ", suffix = " ==="
            guard trimmed.hasPrefix(prefix), trimmed.hasSuffix(suffix),
                  trimmed.count > prefix.count + suffix.count else { continue }
            let label = String(trimmed.dropFirst(prefix.count).dropLast(suffix.count))
            if !label.isEmpty, !label.contains(" "), !labels.contains(label) { labels.append(label) }
        }
        return labels
    }
}
