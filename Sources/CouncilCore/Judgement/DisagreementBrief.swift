import Foundation

/// What the chairman is told of the reviewers' agreement, so a divided council is said to be divided
/// in the synthesis instead of hidden behind its ranking. Answers are named by the chairman's labels.
enum DisagreementBrief {
    static func text(_ agreement: ReviewAgreement, labelOf: [ModelID: String]) -> String {
        var lines: [String] = []
        if let value = agreement.value, let strength = agreement.strength {
            lines.append("Reviewer agreement: \(String(format: "%.2f", value)) of 1 (\(strength.rawValue)).")
        } else {
            lines.append("Too few reviews to measure how far the reviewers agree.")
        }
        if agreement.decided == false {
            lines.append("The top two answers are close: one review the other way could have reversed them.")
        }
        for dissent in agreement.dissent {
            guard let own = labelOf[dissent.reviewer], let first = labelOf[dissent.first] else { continue }
            lines.append("The author of Response \(own), as a reviewer, departed most from the consensus and put Response \(first) first.")
        }
        if agreement.value.map({ $0 < 0.5 }) == true || agreement.decided == false || !agreement.dissent.isEmpty {
            lines.append("Where the answers disagree on substance, say so in the final answer rather than hiding it.")
        }
        return lines.joined(separator: "\n")
    }
}
