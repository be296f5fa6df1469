import CouncilCore
import Foundation

/// The bodies the scripted server sends, in the OpenAI chat-completions wire format: streamed
/// server-sent events, or one whole JSON answer.
enum ChatCompletionWire {
    static func split(_ text: String, into pieces: Int) -> [String] {
        guard pieces > 1, text.count > 1 else { return [text] }
        let size = max(1, (text.count + pieces - 1) / pieces)
        var parts: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            parts.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        return parts
    }

    private static func json(_ value: some Encodable) -> String {
        String(decoding: (try? JSONEncoder().encode(value)) ?? Data(), as: UTF8.self)
    }

    static func deltaEvent(_ text: String) -> String {
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\(json(text))},\"finish_reason\":null}]}\n\n"
    }

    static func usageJSON(_ usage: Usage?) -> String {
        guard let usage else { return "null" }
        let cost = usage.cost.map { ",\"cost\":\($0)" } ?? ""
        let cache = usage.cachedTokens == 0 && usage.cacheWriteTokens == 0 ? ""
            : ",\"prompt_tokens_details\":{\"cached_tokens\":\(usage.cachedTokens),\"cache_write_tokens\":\(usage.cacheWriteTokens)}"
        return "{\"prompt_tokens\":\(usage.promptTokens),\"completion_tokens\":\(usage.completionTokens)\(cost)\(cache)}"
    }

    static func finishEvent(usage: Usage?) -> String {
        "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":\(usageJSON(usage))}\n\n"
    }

    static func wholeBody(_ text: String, usage: Usage?) -> String {
        "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\(json(text))},\"finish_reason\":\"stop\"}],\"usage\":\(usageJSON(usage))}"
    }
}
