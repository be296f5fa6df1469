/// What became of one reviewer's reply: the ranking read from it, best first, or why none could be read.
///
/// As JSON (in the store and in exports): `{"ranking": ["model/a", "model/b"]}` or `{"rejected": "why"}`.
public enum ReviewVerdict: Sendable, Equatable, Codable {
    case ranked([ModelID])
    /// An unparseable review is a failed review: its reviewer loses its ballot.
    case rejected(reason: String)

    public var ranking: [ModelID]? {
        if case .ranked(let ranking) = self { ranking } else { nil }
    }

    public var rejection: String? {
        if case .rejected(let reason) = self { reason } else { nil }
    }

    /// The failure a rejected review counts as.
    public static func failure(reason: String) -> ChatError {
        .malformedResponse("no usable ranking: \(reason)")
    }

    private enum CodingKeys: String, CodingKey {
        case ranking, rejected
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let ranking = try container.decodeIfPresent([ModelID].self, forKey: .ranking) {
            self = .ranked(ranking)
        } else if let reason = try container.decodeIfPresent(String.self, forKey: .rejected) {
            self = .rejected(reason: reason)
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "a review verdict has a ranking or a rejection"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .ranked(let ranking): try container.encode(ranking, forKey: .ranking)
        case .rejected(let reason): try container.encode(reason, forKey: .rejected)
        }
    }
}
