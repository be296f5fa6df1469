import CouncilCore
import CouncilTestSupport
import Foundation

/// The scripted council behind scenario (n), for council and for the peer alike: each model answers
/// after the delays of scenario (d) (generation up to 250 ms, review up to 200, synthesis 150), so a
/// turn's ideal is 600 ms whoever asks. Stages are told apart by their prompts (council's own, or
/// llm-council's "You are evaluating…" and "You are the Chairman…"); a model named `x/a` is `a`.
enum ServeScript {
    static let models: [ModelID] = ["a", "b", "c", "d"]
    static let ideal = TurnScenarios.ideal

    static func reply(to request: ScriptedRequest) -> ScriptedReply {
        let model = ModelID(String(request.model.rawValue.split(separator: "/").last ?? ""))
        func answer(_ text: String, _ delay: Int) -> ScriptedReply {
            // The peer asks for whole answers, council for streams: each gets what it asked for.
            request.stream ? .stream(text, delay: .milliseconds(delay)) : .json(text, delay: .milliseconds(delay))
        }
        if model.rawValue.hasPrefix("bare-"), let delay = Int(model.rawValue.dropFirst(5)) { return answer("bare", delay) }
        let text = request.lastUserText
        if text.hasPrefix("You are evaluating different responses") {
            return answer(peerRanking(text), TurnScenarios.review[model] ?? 0)
        }
        if text.hasPrefix("You are the Chairman of an LLM Council") { return answer("final", TurnScenarios.synthesis) }
        let view = CouncilRequestView(request)
        switch view.kind {
        case .generation, .revision: return answer("answer \(model)", TurnScenarios.generation[model] ?? 0)
        case .review: return answer(view.ranking { $0.count }, TurnScenarios.review[model] ?? 0)
        case .synthesis: return answer("final", TurnScenarios.synthesis)
        }
    }

    /// llm-council's review: a JSON block ranking every candidate it was shown.
    static func peerRanking(_ prompt: String) -> String {
        let count = prompt.components(separatedBy: "<candidate_response id=\"").count - 1
        let labels = (0..<max(count, 1)).map { "Response \(Character(UnicodeScalar(65 + $0)!))" }
        let scores = labels.enumerated().map { "\"\($0.element)\": \(9 - $0.offset)" }.joined(separator: ", ")
        return "Each was read.\n\n```json\n{\"ranking\": [\(labels.map { "\"\($0)\"" }.joined(separator: ", "))], \"scores\": {\(scores)}}\n```"
    }
}
