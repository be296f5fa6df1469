import CouncilCore
import Foundation

/// `council bias --json`: one object per reviewer; a figure on too few ballots is `null`, its ballots kept.
enum BiasDocument {
    struct Reviewer: Encodable {
        var reviewer: String
        var name: String?
        var ballots: Int
        var positionFirstShownRate: Double?
        var positionChance: Double?
        var positionFlagged: Bool
        var positionBallots: Int
        var selfFirstRate: Double?
        var selfChance: Double?
        var selfFlagged: Bool
        var selfBallots: Int
        var lengthCorrelation: Double?
        var lengthFlagged: Bool
        var lengthBallots: Int
        var consensusAgreement: Double?
        var consensusBallots: Int

        init(_ bias: ReviewerBias, names: ModelNames) {
            reviewer = bias.reviewer.rawValue
            name = names.name(bias.reviewer)
            ballots = bias.ballots
            (positionFirstShownRate, positionChance, positionFlagged, positionBallots)
                = (bias.position.value, bias.position.chance, bias.position.flagged, bias.position.ballots)
            (selfFirstRate, selfChance, selfFlagged, selfBallots)
                = (bias.selfPreference.value, bias.selfPreference.chance, bias.selfPreference.flagged, bias.selfPreference.ballots)
            (lengthCorrelation, lengthFlagged, lengthBallots) = (bias.length.value, bias.length.flagged, bias.length.ballots)
            (consensusAgreement, consensusBallots) = (bias.consensus.value, bias.consensus.ballots)
        }

        /// Every key always present, `null` where there is no figure, so scripts can index it.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(reviewer, forKey: .reviewer)
            try container.encode(name, forKey: .name)
            try container.encode(ballots, forKey: .ballots)
            try container.encode(positionFirstShownRate, forKey: .positionFirstShownRate)
            try container.encode(positionChance, forKey: .positionChance)
            try container.encode(positionFlagged, forKey: .positionFlagged)
            try container.encode(positionBallots, forKey: .positionBallots)
            try container.encode(selfFirstRate, forKey: .selfFirstRate)
            try container.encode(selfChance, forKey: .selfChance)
            try container.encode(selfFlagged, forKey: .selfFlagged)
            try container.encode(selfBallots, forKey: .selfBallots)
            try container.encode(lengthCorrelation, forKey: .lengthCorrelation)
            try container.encode(lengthFlagged, forKey: .lengthFlagged)
            try container.encode(lengthBallots, forKey: .lengthBallots)
            try container.encode(consensusAgreement, forKey: .consensusAgreement)
            try container.encode(consensusBallots, forKey: .consensusBallots)
        }

        enum CodingKeys: String, CodingKey {
            case reviewer, name, ballots, positionFirstShownRate, positionChance, positionFlagged, positionBallots
            case selfFirstRate, selfChance, selfFlagged, selfBallots, lengthCorrelation, lengthFlagged, lengthBallots
            case consensusAgreement, consensusBallots
        }
    }

    static func json(_ report: [ReviewerBias], names: ModelNames) -> String {
        ScriptJSON.text(report.map { Reviewer($0, names: names) }, orElse: "[]")
    }
}
