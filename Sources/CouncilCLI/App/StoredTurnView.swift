import CouncilCore
import CouncilStore
import Foundation

/// A stored turn printed again as it was: answers, reviews, ranking, final answer (`/show N`).
enum StoredTurnView {
    /// With `only`, that model's results alone (its answer, its review, its synthesis), in full.
    static func render(_ stored: TurnWithResults, only: ModelID? = nil, style: Style, names: ModelNames = ModelNames()) -> String {
        let turn = stored.turn
        var lines: [String] = []
        lines.append(style.bold("turn \(turn.number)") + " · \(TimeText.short(turn.started)) · tier \(turn.tier) · \(turn.status.rawValue)"
                     + (turn.replayOf != nil ? " · replay" : ""))
        lines.append(style.bold("prompt: ") + clean(turn.prompt))
        for attached in stored.attachments {
            lines.append(style.dim("attached: " + clean(ByteText.describe(attached.attachment)) + " · sha256 \(attached.sha256.prefix(12))"))
        }
        for stage in Stage.allCases {
            // The chairman's answer is the final answer below; only chairmen that failed are listed.
            let results = stored.results(of: stage).filter { result in
                only.map { result.model == $0 } ?? (stage != .synthesis || result.outcome != .arrived)
            }
            guard !results.isEmpty else { continue }
            lines.append("")
            lines.append(style.bold("── \(stage.rawValue) ──"))
            for result in results {
                let head = "\(names.labelled(result.model)) · \(result.outcome.words) · \(DurationText.elapsed(result.latency))"
                    + (result.error.map { " · \(clean($0))" } ?? "")
                lines.append(style.dim(head))
                if !result.text.isEmpty { lines.append(clean(result.text)) }
                if let labels = result.labels, !labels.isEmpty {
                    // So the review can be read: which answer each label was for this reviewer.
                    let legend = labels.sorted { $0.key < $1.key }.map { "\($0.key) = \(names.labelled($0.value))" }
                    lines.append(style.dim("saw: " + legend.joined(separator: " · ")))
                }
                if case .rejected(let reason)? = result.verdict { lines.append(style.dim("(no usable ranking: \(clean(reason)))")) }
            }
        }
        if only != nil { return lines.joined(separator: "\n") }
        if let aggregate = turn.ranking?.aggregate {
            lines.append("")
            lines.append(style.bold("── ranking ──"))
            var rows = [["", "model", "average rank", "Borda", "votes"]]
            for (index, entry) in aggregate.entries.enumerated() {
                rows.append(["\(index + 1).", names.labelled(entry.model), entry.averageRank.map { String(format: "%.2f", $0) } ?? "–",
                             "\(entry.bordaPoints)", "\(entry.votes)"])
            }
            lines.append(Table.render(rows))
            if let agreement = turn.ranking?.agreement {
                lines.append(style.dim(AgreementWords.line(agreement)))
                if let dissent = AgreementWords.dissent(agreement, name: names.short) { lines.append(style.dim(dissent)) }
            }
        }
        lines.append("")
        lines.append(style.bold("── final answer ──") + (turn.synthesised ? (turn.chairman.map { style.dim(" (chairman \(names.labelled($0)))") } ?? "") : style.dim(" (unsynthesised)")))
        lines.append(turn.finalAnswer.map(clean) ?? style.dim("(none)"))
        return lines.joined(separator: "\n")
    }

    /// Stored model text is shown through the same filter as live text.
    static func clean(_ text: String) -> String { TerminalSanitizer.sanitize(text) }
}

/// Side by side: how a replay differs from the turn it replays (`/replay N`, `council replay`).
enum ReplayComparison {
    static func render(original: TurnWithResults, replay: TurnWithResults) -> String {
        let old = Dictionary(original.results(of: .generation).map { ($0.model, $0) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(replay.results(of: .generation).map { ($0.model, $0) }, uniquingKeysWith: { a, _ in a })
        let oldRank = rankOrder(original)
        let newRank = rankOrder(replay)
        var rows = [["model", "original", "replay", "rank"]]
        for model in Set(old.keys).union(new.keys).sorted() {
            let rank: String = switch (oldRank.firstIndex(of: model), newRank.firstIndex(of: model)) {
            case let (a?, b?): a == b ? "\(a + 1)" : "\(a + 1) → \(b + 1)"
            case let (nil, b?): "– → \(b + 1)"
            case let (a?, nil): "\(a + 1) → –"
            case (nil, nil): "–"
            }
            rows.append([model.rawValue, cell(old[model]), cell(new[model]), rank])
        }
        func total(_ turn: TurnRecord) -> String {
            guard let ended = turn.ended else { return "–" }
            return DurationText.elapsed(.seconds(ended.timeIntervalSince(turn.started)))
        }
        rows.append(["total", total(original.turn), total(replay.turn), ""])
        return "replay of turn \(original.turn.number) (tier \(original.turn.tier) → \(replay.turn.tier)):\n" + Table.render(rows)
    }

    static func cell(_ result: ModelResultRecord?) -> String {
        guard let result else { return "not asked" }
        return result.outcome == .arrived ? DurationText.elapsed(result.latency) : result.outcome.words
    }

    static func rankOrder(_ stored: TurnWithResults) -> [ModelID] {
        stored.turn.ranking?.aggregate?.order ?? []
    }
}

extension ResultOutcome {
    /// The outcome in words, for the screen (the stored names are for machines: `timed_out`).
    var words: String {
        switch self {
        case .arrived: "arrived"
        case .timedOut: "timed out"
        case .failed: "failed"
        case .cancelled: "cancelled"
        case .blocked: "breaker open"
        }
    }
}
