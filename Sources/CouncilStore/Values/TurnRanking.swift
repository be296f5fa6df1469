import CouncilCore

/// The peer review kept with a turn: the council's aggregate, every counted vote, and why the other
/// reviews were rejected (keyed by the reviewer's model id).
///
/// Stored as JSON in `turns.ranking`; the shape is the one earlier versions wrote, so their rows read.
public struct TurnRanking: Codable, Sendable, Equatable {
    public var aggregate: AggregateRanking?
    public var votes: [ReviewVote]
    public var rejections: [String: String]
    /// How far the counted ballots agreed; nil for turns stored before it was measured.
    public var agreement: ReviewAgreement?

    public init(aggregate: AggregateRanking?, votes: [ReviewVote], rejections: [String: String],
                agreement: ReviewAgreement? = nil) {
        self.aggregate = aggregate
        self.votes = votes
        self.rejections = rejections
        self.agreement = agreement
    }

    /// What a finished turn's review stage produced.
    public init(_ result: TurnResult) {
        self.init(aggregate: result.aggregate, votes: result.reviews.compactMap(\.vote),
                  rejections: Dictionary(result.reviews.compactMap { review in review.rejection.map { (review.call.model.rawValue, $0) } },
                                         uniquingKeysWith: { first, _ in first }),
                  agreement: result.agreement)
    }

    private enum CodingKeys: String, CodingKey {
        case aggregate, votes, rejections, agreement
    }

    /// Lenient about missing keys, so a partial value still reads.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        aggregate = try container.decodeIfPresent(AggregateRanking.self, forKey: .aggregate)
        votes = try container.decodeIfPresent([ReviewVote].self, forKey: .votes) ?? []
        rejections = try container.decodeIfPresent([String: String].self, forKey: .rejections) ?? [:]
        agreement = try container.decodeIfPresent(ReviewAgreement.self, forKey: .agreement)
    }
}
