import CouncilCore
import Foundation

/// The whole turn as one JSON document (`council ask --json`): every stage, outcome, timing, ranking, usage.
public struct TurnDocument: Codable, Sendable {
    public struct Outcome: Codable, Sendable {
        var model: String
        /// The display name, when the configuration gives one.
        var name: String?
        var outcome: String
        var latencyMs: Int
        var text: String?
        var error: String?
        var promptTokens: Int?
        var completionTokens: Int?
        /// Prompt tokens the provider read from its cache.
        var cachedTokens: Int?
        var cost: Double?
        /// Present (true) only when the answer reached `max_answer_bytes` and was cut there.
        var truncated: Bool?

        init(_ result: ModelResult, names: ModelNames) {
            model = result.model.rawValue
            name = names.name(result.model)
            outcome = result.outcome.kind
            latencyMs = Int(result.latency.milliseconds.rounded())
            let completion = result.outcome.completion
            text = completion?.text
            error = completion == nil && result.outcome.kind != "cancelled" ? result.outcome.summary : nil
            promptTokens = completion?.usage?.promptTokens
            completionTokens = completion?.usage?.completionTokens
            cachedTokens = completion?.usage?.cachedTokens
            cost = completion?.usage?.cost
            truncated = completion?.truncated == true ? true : nil
        }
    }

    public struct Review: Codable, Sendable {
        var reviewer: String
        var ranking: [String]?
        var rejected: String?
    }

    public struct Ranked: Codable, Sendable {
        var model: String
        var name: String?
        var averageRank: Double?
        var bordaPoints: Int
        var votes: Int
    }

    /// A reviewer that stood farthest from the consensus, and the answer it put first.
    public struct Dissent: Codable, Sendable {
        var reviewer: String
        var first: String
        /// Share of its ballot's pairs the consensus puts the other way (0…1).
        var distance: Double
    }

    public struct Totals: Codable, Sendable {
        var promptTokens: Int
        var completionTokens: Int
        var cachedTokens: Int
        /// `nil` when some call's cost is unknown.
        var cost: Double?
        /// The sum of the known costs, and how many models had every call priced: `cost` is nil when
        /// `pricedModels` < `models`, but what is known is still said.
        var costKnown: Double
        var pricedModels: Int
        var models: Int
        var totalMs: Int
        var stageMs: [String: Int]
        var arrived: Int
        var asked: Int
    }

    /// What the question came with: its name as given, size and estimated tokens, an image's type.
    public struct Attached: Codable, Sendable {
        var name: String
        var bytes: Int
        var estimatedTokens: Int
        var mediaType: String?
    }

    var question: String
    var attachments: [Attached]
    var tier: String
    var status: String
    var finalAnswer: String?
    var synthesised: Bool
    var chairman: String?
    var generation: [Outcome]
    /// The debate round's revised answers; empty when the turn did not debate.
    var revision: [Outcome]
    var reviews: [Review]
    var ranking: [Ranked]
    /// 0…1, `null` when nothing was ranked or too few ballots make a figure.
    var agreement: Double?
    var agreementBallots: Int
    /// Whether one ballot the other way could have changed the winner; `null` without two ranked answers.
    var winnerDecided: Bool?
    var dissent: [Dissent]
    var synthesis: [Outcome]
    var usage: [String: [String: Double?]]
    var totals: Totals
    var failureReasons: [String: String]

    public init(question: String, attachments: [Attachment] = [], tier: String, result: TurnResult, names: ModelNames = ModelNames()) {
        self.question = question
        self.attachments = attachments.map { attachment in
            var mediaType: String?
            if case .image(let type, _) = attachment.content { mediaType = type }
            return Attached(name: attachment.name, bytes: attachment.byteCount, estimatedTokens: attachment.estimatedTokens,
                            mediaType: mediaType)
        }
        self.tier = tier
        status = result.status.rawValue
        finalAnswer = result.finalAnswer
        synthesised = result.synthesised
        chairman = result.chairman?.rawValue
        generation = result.generation.map { Outcome($0, names: names) }
        revision = result.revision.map { Outcome($0, names: names) }
        reviews = result.reviews.map { review in
            Review(reviewer: review.call.model.rawValue, ranking: review.vote?.ranking.map(\.rawValue),
                   rejected: review.rejection ?? (review.call.outcome.isSuccess ? nil : review.call.outcome.summary))
        }
        ranking = result.aggregate?.entries.map {
            Ranked(model: $0.model.rawValue, name: names.name($0.model), averageRank: $0.averageRank, bordaPoints: $0.bordaPoints, votes: $0.votes)
        } ?? []
        agreement = result.agreement?.value
        agreementBallots = result.agreement?.ballots ?? 0
        winnerDecided = result.agreement?.decided
        dissent = (result.agreement?.dissent ?? []).map {
            Dissent(reviewer: $0.reviewer.rawValue, first: $0.first.rawValue, distance: $0.distance)
        }
        synthesis = result.synthesis.map { Outcome($0, names: names) }
        var usage: [String: [String: Double?]] = [:]
        for line in result.usage {
            usage["\(line.stage.rawValue)/\(line.model)"] = ["prompt_tokens": Double(line.usage.promptTokens),
                                                            "completion_tokens": Double(line.usage.completionTokens),
                                                            "cached_tokens": Double(line.usage.cachedTokens),
                                                            "cost": line.usage.cost]
        }
        self.usage = usage
        let total = result.totalUsage
        let costs = result.costSummary
        totals = Totals(promptTokens: total.promptTokens, completionTokens: total.completionTokens,
                        cachedTokens: total.cachedTokens, cost: total.cost,
                        costKnown: costs.known, pricedModels: costs.pricedModels, models: costs.models,
                        totalMs: Int(result.totalTime.milliseconds.rounded()),
                        stageMs: Dictionary(uniqueKeysWithValues: result.stageTimes.map { ($0.key.rawValue, Int($0.value.milliseconds.rounded())) }),
                        arrived: result.arrivedCount, asked: result.askedCount)
        failureReasons = Dictionary(uniqueKeysWithValues: result.failureReasons.map { ($0.key.rawValue, $0.value) })
    }

    private enum CodingKeys: String, CodingKey {
        case question, attachments, tier, status, finalAnswer, synthesised, chairman, generation, revision, reviews, ranking, synthesis,
             usage, totals, failureReasons, agreement, agreementBallots, winnerDecided, dissent
    }

    /// Every key is always present: a missing answer or chairman is `null`, so scripts can index it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(question, forKey: .question)
        try container.encode(attachments, forKey: .attachments)
        try container.encode(tier, forKey: .tier)
        try container.encode(status, forKey: .status)
        try container.encode(finalAnswer, forKey: .finalAnswer)
        try container.encode(synthesised, forKey: .synthesised)
        try container.encode(chairman, forKey: .chairman)
        try container.encode(generation, forKey: .generation)
        try container.encode(revision, forKey: .revision)
        try container.encode(reviews, forKey: .reviews)
        try container.encode(ranking, forKey: .ranking)
        try container.encode(agreement, forKey: .agreement)
        try container.encode(agreementBallots, forKey: .agreementBallots)
        try container.encode(winnerDecided, forKey: .winnerDecided)
        try container.encode(dissent, forKey: .dissent)
        try container.encode(synthesis, forKey: .synthesis)
        try container.encode(usage, forKey: .usage)
        try container.encode(totals, forKey: .totals)
        try container.encode(failureReasons, forKey: .failureReasons)
    }

    public func json() -> String {
        ScriptJSON.text(self, orElse: "{}")
    }
}
