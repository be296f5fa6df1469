import CouncilCLI
import CouncilCore
import Foundation

/// What a served turn gives its client, the same for `council serve` and `council mcp`: the answer, and
/// the council's account (each model's outcome, the ranking, the agreement), kept out of the answer.
extension TurnResult {
    /// The chairman's answer; without one (`mode: answers`), each answer that arrived under its model's name.
    /// Without terminal control sequences: clients such as `llm` print it to a terminal as it is.
    var servedAnswer: String? {
        if let finalAnswer { return TerminalSanitizer.sanitize(finalAnswer) }
        let arrived = generation.compactMap { call in call.outcome.completion.map { "## \(call.model.rawValue)\n\n\($0.text)" } }
        return arrived.isEmpty ? nil : TerminalSanitizer.sanitize(arrived.joined(separator: "\n\n"))
    }

    /// Plain JSON values, for `JSONSerialization` and for MCP's structured content.
    func account(tier: Tier) -> [String: Any] {
        var account: [String: Any] = [
            "status": status.rawValue, "tier": tier.rawValue, "chairman": chairman?.rawValue ?? NSNull(),
            "models": generation.map { call -> [String: Any] in
                var entry: [String: Any] = ["model": call.model.rawValue, "outcome": call.outcome.kind]
                if !call.outcome.isSuccess { entry["reason"] = call.outcome.summary }
                return entry
            },
            "ranking": aggregate?.entries.map(\.model.rawValue) ?? [],
        ]
        if let agreement {
            account["agreement"] = [
                "value": agreement.value ?? NSNull(), "ballots": agreement.ballots, "decided": agreement.decided ?? NSNull(),
                "dissent": agreement.dissent.map { ["reviewer": $0.reviewer.rawValue, "first": $0.first.rawValue, "distance": $0.distance] },
            ] as [String: Any]
        }
        return account
    }

    /// Why no answer came, model by model.
    var failureText: String { failureReasons.map { "\($0.key): \($0.value)" }.sorted().joined(separator: "; ") }
}
