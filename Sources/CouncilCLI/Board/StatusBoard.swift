import CouncilCore
import Foundation

/// What the user sees of a running turn: a line per model and stage, the ranking, the chairman, a footer.
/// Pure state and text; `TurnScreen` decides where it is drawn, `TurnPresenter` how often.
public struct StatusBoard: Sendable {
    enum Row: Sendable, Equatable {
        /// `thinking`: characters of a reasoning model's reasoning, shown until its answer begins;
        /// `hedged`: its request was sent once more after this long without a first token.
        case waiting(since: EpochInstant, received: Int = 0, thinking: Int = 0, hedged: Duration? = nil)
        case done(ModelResult)
    }

    struct StageRows: Sendable {
        var stage: Stage
        var models: [ModelID]
        var rows: [ModelID: Row]
    }

    public let style: Style
    /// How long a model may take in each stage, shown beside the time it has taken.
    var limits: WaitLimits = [:]
    /// Display names for the rows, the ranking and the notes.
    public let names: ModelNames
    private(set) var stages: [StageRows] = []
    private(set) var aggregate: AggregateRanking?
    private(set) var agreement: ReviewAgreement?
    private(set) var chairmanNotes: [String] = []
    private(set) var rejections: [ModelID: String] = [:]

    public init(style: Style, names: ModelNames = ModelNames()) {
        self.style = style
        self.names = names
    }

    /// Applies an event; returns the plain one-line description for non-TTY output, if it has one.
    @discardableResult
    public mutating func apply(_ event: CouncilEvent, at now: EpochInstant) -> String? {
        switch event {
        case .stageStarted(let stage, let models):
            stages.append(StageRows(stage: stage, models: models,
                                    rows: Dictionary(uniqueKeysWithValues: models.map { ($0, Row.waiting(since: now)) })))
            return stage == .synthesis ? nil : "\(stage.rawValue): asking \(models.count) model\(models.count == 1 ? "" : "s")"
        case .modelFinished(let stage, let result):
            return finish(result, of: stage)
        case .reviewFinished(let review):
            let line = finish(review.call, of: .review)
            guard let reason = review.rejection else { return line }
            rejections[review.call.model] = reason
            return [line, "review: \(names.short(review.call.model)) gave no usable ranking (\(reason))"].compactMap { $0 }.joined(separator: "\n")
        case .aggregate(let ranking):
            aggregate = ranking
            return "ranking: " + ranking.entries.enumerated().map { "\($0.offset + 1). \(names.short($0.element.model))" }.joined(separator: ", ")
        case .agreement(let agreement):
            self.agreement = agreement
            return agreementLines(agreement).joined(separator: "\n")
        case .chairmanChosen(let model, let reason):
            // A fallback's reason quotes the failed chairman's gateway ("taking over from X: HTTP 500 …").
            let note = "chairman: \(names.short(model)) (\(Self.short(reason, limit: 160)))"
            chairmanNotes.append(note)
            if let index = stages.lastIndex(where: { $0.stage == .synthesis }), stages[index].rows[model] == nil {
                stages[index].models.append(model)
                stages[index].rows[model] = .waiting(since: now)
            }
            return note
        case .modelProgress(let stage, let model, let received):
            if let index = stages.lastIndex(where: { $0.stage == stage }), case .waiting(let since, _, let thinking, let hedged)? = stages[index].rows[model] {
                stages[index].rows[model] = .waiting(since: since, received: received, thinking: thinking, hedged: hedged)
            }
            return nil
        case .modelThinking(let stage, let model, let characters):
            if let index = stages.lastIndex(where: { $0.stage == stage }), case .waiting(let since, let received, _, let hedged)? = stages[index].rows[model] {
                stages[index].rows[model] = .waiting(since: since, received: received, thinking: characters, hedged: hedged)
            }
            return nil
        case .modelHedged(let stage, let model, let after):
            if let index = stages.lastIndex(where: { $0.stage == stage }), case .waiting(let since, let received, let thinking, _)? = stages[index].rows[model] {
                stages[index].rows[model] = .waiting(since: since, received: received, thinking: thinking, hedged: after)
            }
            return "\(stage.rawValue): \(names.short(model)) " + Self.hedgeNote(after)
        case .breakerChanged(let change):
            return BreakerText.announce(change)
        case .providerRejected(_, let reason):
            return "✘ \(Self.short(reason)) — its models are not sent for the rest of this turn"
        case .stageFinished, .synthesisDelta, .turnFinished:
            return nil
        }
    }

    /// Marks a model's row done; returns its plain line.
    private mutating func finish(_ result: ModelResult, of stage: Stage) -> String? {
        guard let index = stages.lastIndex(where: { $0.stage == stage }) else { return nil }
        if !stages[index].models.contains(result.model) { stages[index].models.append(result.model) }
        stages[index].rows[result.model] = .done(result)
        return "\(stage.rawValue): " + Self.plainLine(result, names: names)
    }

    // MARK: Rendering

    static let spinner = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")

    /// The rows of the stage under way (or the last one), ready to be drawn.
    public func liveLines(at now: EpochInstant) -> [String] {
        guard let current = stages.last else { return [] }
        return lines(for: current, at: now)
    }

    func lines(for rows: StageRows, at now: EpochInstant) -> [String] {
        let width = rows.models.map { names.short($0).count }.max() ?? 0
        let header = style.bold(rows.stage.rawValue)
        return [header] + rows.models.map { model in
            let name = names.short(model).padding(toLength: width, withPad: " ", startingAt: 0)
            switch rows.rows[model] ?? .waiting(since: now) {
            case .waiting(let since, let received, let thinking, let hedged):
                let elapsed = since.duration(to: now)
                let frame = Self.spinner[Int(elapsed.milliseconds / 100) % Self.spinner.count]
                return "  \(style.cyan(String(frame))) \(name)  " + waiting(rows.stage, model, elapsed: elapsed, received: received, thinking: thinking,
                                                                            hedged: hedged)
            case .done(let result):
                var line = "  " + symbol(result.outcome) + " \(name)  " + describe(result)
                if rows.stage == .review, let reason = rejections[model] { line += style.dim(" — no usable ranking: \(reason)") }
                return line
            }
        }
    }

    /// `waiting 3.6 s / 30 s`; `thinking, 800 characters · …` while a reasoning model reasons;
    /// `receiving, 420 characters · …` once its answer comes in.
    /// A hedged request adds `· ↻ hedged after 1.2 s`.
    private func waiting(_ stage: Stage, _ model: ModelID, elapsed: Duration, received: Int, thinking: Int, hedged: Duration?) -> String {
        let state = received > 0 ? "receiving, \(received) characters · "
            : thinking > 0 ? "thinking, \(thinking) characters · " : "waiting "
        return style.dim(state + DurationText.elapsed(elapsed) + (limits.limit(stage, model).map { " / " + DurationText.seconds($0) } ?? "")
                         + (hedged.map { " · " + Self.hedgeNote($0) } ?? ""))
    }

    /// `↻ hedged after 1.2 s`: no first token had come after that long, so the request was sent once more.
    static func hedgeNote(_ after: Duration) -> String { "↻ hedged after \(DurationText.elapsed(after))" }

    /// The chairman's row while it has not written a word: spinner, time, limit, and characters of
    /// reasoning if it sends any, so the wait before the answer is never dead air.
    func chairmanWaitLine(_ model: ModelID, at now: EpochInstant) -> String? {
        guard let rows = stages.last(where: { $0.stage == .synthesis }),
              case .waiting(let since, let received, let thinking, let hedged)? = rows.rows[model] else { return nil }
        let elapsed = since.duration(to: now)
        let frame = Self.spinner[Int(elapsed.milliseconds / 100) % Self.spinner.count]
        return "  \(style.cyan(String(frame))) \(names.short(model))  " + waiting(.synthesis, model, elapsed: elapsed, received: received, thinking: thinking,
                                                                                   hedged: hedged)
    }

    /// A finished model's row as the board shows it.
    func doneLine(_ result: ModelResult) -> String { "  " + symbol(result.outcome) + " \(names.short(result.model))  " + describe(result) }

    public func rankingLines() -> [String] {
        guard let aggregate else { return [] }
        let width = aggregate.entries.map { names.short($0.model).count }.max() ?? 0
        return [style.bold("ranking") + style.dim("  (average rank · Borda points · votes; self-votes excluded)")] +
            aggregate.entries.enumerated().map { index, entry in
                let name = names.short(entry.model).padding(toLength: width, withPad: " ", startingAt: 0)
                let average = entry.averageRank.map { String(format: "%.2f", $0) } ?? "  – "
                return "  \(index + 1). \(name)  \(average)  \(String(format: "%3d", entry.bordaPoints)) pts  \(entry.votes) vote\(entry.votes == 1 ? "" : "s")"
            } + (agreement.map { agreementLines($0).map { "  " + style.dim($0) } } ?? [])
    }

    /// The agreement line, and the dissent's when a ballot departs from the consensus.
    func agreementLines(_ agreement: ReviewAgreement) -> [String] {
        [AgreementWords.line(agreement)] + [AgreementWords.dissent(agreement, name: names.short)].compactMap { $0 }
    }

    public func chairmanLines() -> [String] { chairmanNotes.map { style.dim($0) } }

    func symbol(_ outcome: ModelOutcome) -> String {
        switch outcome {
        case .arrived: style.green("✔")
        case .timedOut: style.yellow("⏱")
        case .failed: style.red("✘")
        case .cancelled: style.dim("⊘")
        case .blocked: style.magenta("⛔")
        }
    }

    func describe(_ result: ModelResult) -> String {
        outcomeText(result) + (result.hedgedAfter.map { style.dim(" · " + Self.hedgeNote($0)) } ?? "")
    }

    private func outcomeText(_ result: ModelResult) -> String {
        switch result.outcome {
        case .arrived(let completion):
            let tokens = completion.usage.map { ", \($0.completionTokens) tokens" } ?? ""
            let cut = completion.truncated ? style.yellow(", truncated at the size cap (max_answer_bytes)") : ""
            return style.green("arrived") + " in \(DurationText.elapsed(result.latency))\(tokens)\(cut)"
        case .timedOut(let after): return style.yellow("timed out") + " after \(DurationText.elapsed(after))"
        case .failed(let error): return style.red("failed") + ": " + Self.short(error.summary)
        case .cancelled(let reason):
            return style.dim(reason == .earlyCompletion ? "cancelled (enough answers arrived)" : "cancelled")
        case .blocked(let remaining): return style.magenta("breaker open") + ", \(DurationText.minutes(remaining)) left"
        }
    }

    static func plainLine(_ result: ModelResult, names: ModelNames = ModelNames()) -> String {
        let plain = StatusBoard(style: Style(enabled: false))
        return "\(names.short(result.model)) " + plain.describe(result)
    }

    /// The first line of a gateway's own words, cut short and stripped of control sequences.
    static func short(_ text: String, limit: Int = 120) -> String {
        let line = TerminalSanitizer.sanitize(text).split(separator: "\n").first.map(String.init) ?? ""
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }
}

/// The last line of a turn: what arrived, how long it took, what it cost.
public enum TurnFooter {
    public static func line(_ result: TurnResult, style: Style) -> String {
        let total = result.totalUsage
        var parts = ["models arrived \(result.arrivedCount)/\(result.askedCount)",
                     DurationText.elapsed(result.totalTime),
                     "\(total.totalTokens) tokens" + (total.cachedTokens > 0 ? ", \(total.cachedTokens) cached" : "")]
        if !result.usage.isEmpty { parts.append(result.costSummary.text) }
        if result.status != .complete { parts.insert(result.status.rawValue, at: 0) }
        return style.dim(parts.joined(separator: " · "))
    }
}
