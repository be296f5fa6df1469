import CouncilCore
import Foundation

/// The JSON `council serve` answers with: a `chat.completion`, or the `chat.completion.chunk`s of a
/// stream. The council's own account (each model's outcome, the ranking) rides in `council`, never in
/// `content`.
struct ChatResponses {
    let id = "chatcmpl-council-" + UUID().uuidString.lowercased()
    let model: String
    let created = Int(Date().timeIntervalSince1970)

    func completion(_ result: TurnResult, tier: Tier) -> Data {
        json([
            "id": id, "object": "chat.completion", "created": created, "model": model,
            "choices": [["index": 0, "message": ["role": "assistant", "content": result.servedAnswer ?? ""], "finish_reason": "stop"]],
            "usage": usage(result), "council": result.account(tier: tier),
        ])
    }

    /// The first chunk names the role; later ones carry text; the last the finish reason, usage and council.
    func chunk(role: Bool = false, text: String? = nil) -> Data {
        var delta: [String: Any] = [:]
        if role { delta["role"] = "assistant" }
        if let text { delta["content"] = text }
        return event(["choices": [["index": 0, "delta": delta, "finish_reason": NSNull()]]])
    }

    func finalChunk(_ result: TurnResult, tier: Tier) -> Data {
        event(["choices": [["index": 0, "delta": [:] as [String: Any], "finish_reason": "stop"]],
               "usage": usage(result), "council": result.account(tier: tier)])
    }

    static let done = Data("data: [DONE]\n\n".utf8)

    /// An error in a stream already begun, as OpenAI sends one: an event holding only `error`.
    static func errorEvent(_ error: ServeError) -> Data { Data("data: ".utf8) + error.body + Data("\n\n".utf8) }
    /// An SSE comment: keeps clients and proxies from timing out while stages 1 and 2 run.
    static let keepAlive = Data(": council is deliberating\n\n".utf8)

    private func event(_ fields: [String: Any]) -> Data {
        var base: [String: Any] = ["id": id, "object": "chat.completion.chunk", "created": created, "model": model]
        base.merge(fields) { $1 }
        return Data("data: ".utf8) + json(base) + Data("\n\n".utf8)
    }

    /// The turn's totals over every stage.
    private func usage(_ result: TurnResult) -> [String: Any] {
        let total = result.totalUsage
        var usage: [String: Any] = ["prompt_tokens": total.promptTokens, "completion_tokens": total.completionTokens,
                                    "total_tokens": total.promptTokens + total.completionTokens]
        if let cost = total.cost { usage["cost"] = cost }
        return usage
    }

    private func json(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }
}
