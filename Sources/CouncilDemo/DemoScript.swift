import CouncilCore
import Foundation

/// The words of the demo council. Every text says it is simulated: the demo never poses as a real model.
enum DemoScript {
    static func text(for stage: DemoStage, model: ModelID, random: inout DemoRandom) -> String {
        switch stage {
        case .generation(let question): answer(to: question, model: model, random: &random)
        case .review(let labels): review(of: labels, model: model, random: &random)
        case .synthesis(let count): synthesis(of: count, model: model)
        }
    }

    static func answer(to question: String, model: ModelID, random: inout DemoRandom) -> String {
        let topic = excerpt(question)
        let angles = [
            "start from the simplest case and check the edges",
            "weigh the trade-offs before picking one approach",
            "look for an existing, well-tested solution first",
            "measure before and after any change",
            "write down the assumptions and test the riskiest one",
        ]
        let angle = angles[Int(random.next() % UInt64(angles.count))]
        return """
            [demo] This is a simulated demo answer from \(model), not a real model. \
            You asked: "\(topic)". A real council member would answer it here; \
            this one suggests you \(angle). \
            Set OPENROUTER_API_KEY (or configure another provider) to ask real models.
            """
    }

    static func review(of labels: [String], model: ModelID, random: inout DemoRandom) -> String {
        let ranking = labels.shuffled(using: &random)
        let best = ranking.first.map { "Response \($0)" } ?? "none of the responses"
        let worst = ranking.last.map { "Response \($0)" } ?? "none of them"
        var text = """
            [demo] \(best) reads as the clearest of the simulated answers, while \(worst) says the least. \
            This is a simulated demo review by \(model), not a real model's judgement.

            FINAL RANKING:
            """
        for (index, label) in ranking.enumerated() {
            text += "\n\(index + 1). Response \(label)"
        }
        return text
    }

    static func synthesis(of count: Int, model: ModelID) -> String {
        let material = count > 0 ? "\(count) simulated answers and their reviews" : "the simulated answers"
        return """
            [demo] This is a simulated demo synthesis by \(model), the demo chairman, of \(material). \
            In a real council the chairman would merge the best points of the answers here, guided by the \
            peer rankings. No real model was consulted.
            """
    }

    /// The question's first line, shortened: enough to show the demo heard it.
    static func excerpt(_ question: String) -> String {
        let firstLine = question.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let trimmed = firstLine.trimmingCharacters(in: .whitespaces)
        return trimmed.count > 80 ? String(trimmed.prefix(77)) + "..." : trimmed
    }

    /// Cuts `text` into about `count` deltas at word boundaries, so it streams like a real answer.
    static func deltas(of text: String, count: Int) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        guard count > 1, words.count > 1 else { return [text] }
        let perDelta = max(1, (words.count + count - 1) / count)
        var pieces: [String] = []
        var index = 0
        while index < words.count {
            let end = min(words.count, index + perDelta)
            var piece = words[index..<end].joined(separator: " ")
            if end < words.count { piece += " " }
            pieces.append(piece)
            index = end
        }
        return pieces
    }
}
