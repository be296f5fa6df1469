import CouncilCore
import Foundation

/// Renders a session as Markdown: per turn the prompt, the final answer, then every model's
/// answer with its outcome and latency.
public enum TranscriptMarkdown {
    public static func render(_ transcript: SessionTranscript) -> String {
        let numbersByID = Dictionary(
            transcript.turns.compactMap { item in item.turn.id.map { ($0, item.turn.number) } },
            uniquingKeysWith: { first, _ in first })
        var blocks = ["# Session: \(transcript.session.name)",
                      "Created \(timestamp(transcript.session.created)) · \(count(transcript.turns.count, "turn"))"]
        for item in transcript.turns {
            blocks += turn(item, replayedNumber: item.turn.replayOf.flatMap { numbersByID[$0] }, names: transcript.modelNames ?? [:])
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    /// `GPT-4o (openai/gpt-4o)`, or the id alone.
    private static func label(_ model: ModelID, _ names: [String: String]) -> String {
        names[model.rawValue].map { "\($0) (\(model.rawValue))" } ?? model.rawValue
    }

    private static func turn(_ item: TurnWithResults, replayedNumber: Int?, names: [String: String]) -> [String] {
        let turn = item.turn
        let arrived = item.results(of: .generation).filter { $0.outcome == .arrived }.count
        var facts = ["- Started: \(timestamp(turn.started))",
                     "- Tier: \(turn.tier)",
                     "- Models: \(turn.models.map { label($0, names) }.joined(separator: ", ")) (\(arrived) of \(turn.models.count) arrived)",
                     "- Tokens: \(turn.promptTokens) in, \(turn.completionTokens) out; cost: \(cost(turn.cost))"]
        if let replayedNumber { facts.append("- Replay of turn \(replayedNumber)") }
        if let agreement = turn.ranking?.agreement {
            facts.append("- Reviewers: " + AgreementWords.line(agreement))
            if let dissent = AgreementWords.dissent(agreement, name: { label($0, names) }) { facts.append("- Reviewers' \(dissent)") }
        }
        var blocks = ["## Turn \(turn.number) — \(turn.status.rawValue)",
                      facts.joined(separator: "\n"),
                      "### Prompt",
                      quote(turn.prompt)]
        for attached in item.attachments { blocks += attachment(attached) }
        blocks.append("### Final answer")
        if let answer = turn.finalAnswer {
            let origin = turn.synthesised
                ? "_Synthesised by \(turn.chairman?.rawValue ?? "the chairman")._"
                : "_Not synthesised: the best available answer._"
            blocks += [origin, answer]
        } else {
            blocks.append("_No final answer._")
        }
        for (stage, title) in [(Stage.generation, "Answers"), (.review, "Reviews"), (.synthesis, "Synthesis")] {
            let results = item.results(of: stage)
            guard !results.isEmpty else { continue }
            blocks.append("### \(title)")
            for result in results { blocks += modelResult(result, names: names) }
        }
        return blocks
    }

    private static func modelResult(_ result: ModelResultRecord, names: [String: String]) -> [String] {
        var blocks = ["#### \(label(result.model, names)) — \(result.outcome.rawValue), \(result.latencyMilliseconds) ms"]
        if !result.text.isEmpty { blocks.append(result.text) }
        if let error = result.error { blocks.append(quote("Error: \(error)")) }
        if result.text.isEmpty, result.error == nil { blocks.append("_No text._") }
        return blocks
    }

    /// Quotes text line by line, so a prompt's own Markdown headings cannot break the document.
    /// The attachment's text in a fence longer than any run of backticks inside it, so it cannot end early.
    private static func attachment(_ stored: StoredAttachment) -> [String] {
        let head = "### Attached: \(stored.attachment.name) (\(stored.attachment.byteCount) bytes, sha256 \(stored.sha256.prefix(12)))"
        switch stored.attachment.content {
        case .text(let text):
            var longest = 0, run = 0
            for character in text { run = character == "`" ? run + 1 : 0; longest = max(longest, run) }
            let fence = String(repeating: "`", count: max(3, longest + 1))
            return [head, fence + "\n" + text + "\n" + fence]
        case .image(let type, _):
            return [head, "_An image (\(type)); its bytes are in the JSON export._"]
        }
    }

    private static func quote(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? ">" : "> \($0)" }
            .joined(separator: "\n")
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    private static func cost(_ dollars: Double?) -> String {
        dollars.map { String(format: "$%.4f", $0) } ?? "unknown"
    }

    private static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }
}
