import Foundation

/// The agreement in one line of plain words, the same on the board, in `/show`, `/history` and exports:
/// `agreement 0.82 — strong · winner decided`; a figure on too few ballots is said, not shown.
public enum AgreementWords {
    public static func line(_ agreement: ReviewAgreement) -> String {
        var parts: [String]
        if let value = agreement.value, let strength = agreement.strength {
            parts = ["agreement \(figure(value)) — \(strength.rawValue)"]
        } else {
            parts = ["agreement not measured: \(agreement.ballots) ballot\(agreement.ballots == 1 ? "" : "s"), "
                     + "\(AgreementCoefficient.minimumBallots) needed"]
        }
        switch agreement.decided {
        case true?: parts.append("winner decided")
        case false?: parts.append("winner not decided: one ballot the other way could change it")
        case nil: break
        }
        return parts.joined(separator: " · ")
    }

    /// `dissent: gpt put claude first; llama put gpt first`; nil when nobody departs from the consensus.
    public static func dissent(_ agreement: ReviewAgreement, name: (ModelID) -> String) -> String? {
        guard !agreement.dissent.isEmpty else { return nil }
        return "dissent: " + agreement.dissent.map { "\(name($0.reviewer)) put \(name($0.first)) first" }.joined(separator: "; ")
    }

    /// Two decimals, as every figure of agreement and bias is shown.
    public static func figure(_ value: Double) -> String { String(format: "%.2f", value) }
}
