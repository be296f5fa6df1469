import CouncilCLI
import CouncilCore
import Foundation

/// A `POST /v1/chat/completions` body as the council reads it: a `system` message is the system
/// prompt, earlier user/assistant messages are the conversation, the last user message the question.
/// Unknown fields are ignored; what the council cannot honour is refused.
struct ChatRequest {
    var tier: Tier?
    var question: String
    /// The question's images, sent on to the models that see images (`vision`) as attachments are.
    var images: [Attachment] = []
    var systemPrompt: String?
    var history: [ConversationTurn]
    var stream: Bool
    /// `temperature` and `top_p` go to every answer; `max_tokens` bounds the chairman's, the one returned.
    var answers: RequestOptions = .none
    var synthesis: RequestOptions = .none

    private struct Body: Decodable {
        struct Message: Decodable {
            var role: String
            var content: Content?
        }

        /// A string, or parts: text parts are read, and image parts of the question sent on as images.
        /// Anything else is kept as `.other` so the refusal can say which message is wrong.
        enum Content: Decodable {
            case text(String)
            case parts([Part])
            case other

            struct Part: Decodable {
                struct ImageURL: Decodable { var url: String }
                var type: String
                var text: String?
                var image_url: ImageURL?
            }

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let text = try? container.decode(String.self) {
                    self = .text(text)
                } else if let parts = try? container.decode([Part].self) {
                    self = .parts(parts)
                } else {
                    self = .other
                }
            }
        }

        var model: String?
        var messages: [Message]?
        var stream: Bool?
        var n: Int?
        var tools: [AnyDecodable]?
        var temperature: Double?
        var top_p: Double?
        var max_tokens: Int?
        var max_completion_tokens: Int?
    }

    /// Any JSON value, to see that a field is there without reading it.
    private struct AnyDecodable: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    /// `maxImageBytes`: what one image of the question may hold (`max_attachment_bytes`).
    /// As the client named it: `council` or `council/TIER`.
    var model: String { tier.map { "council/\($0.rawValue)" } ?? "council" }

    static func read(_ body: Data, maxImageBytes: Int) throws(ServeError) -> ChatRequest {
        let decoded: Body
        do { decoded = try JSONDecoder().decode(Body.self, from: body) } catch {
            throw .badRequest("the body is not a chat-completions JSON object")
        }
        if let n = decoded.n, n != 1 { throw .badRequest("n must be 1: the council writes one answer", code: "unsupported_n") }
        if decoded.tools?.isEmpty == false { throw .badRequest("tools are not supported by the council", code: "unsupported_tools") }
        let tier = try Self.tier(decoded.model ?? "council")
        var system: [String] = [], turns: [(role: String, text: String, images: [Body.Content.Part])] = []
        for (index, message) in (decoded.messages ?? []).enumerated() {
            var text = "", images: [Body.Content.Part] = []
            switch message.content {
            case .text(let string)?: text = string
            case .parts(let parts)?:
                if let part = parts.first(where: { !["text", "image_url"].contains($0.type) }) {
                    throw .badRequest("message \(index + 1) has a '\(part.type)' part: only text and image_url parts are read", code: "unsupported_content")
                }
                text = parts.compactMap(\.text).joined(separator: "\n")
                images = parts.filter { $0.type == "image_url" }
            case .other?:
                throw .badRequest("message \(index + 1)'s content must be a string or an array of content parts", code: "invalid_content")
            case nil: break
            }
            switch message.role {
            case "system", "developer": system.append(text)
            case "user", "assistant": turns.append((message.role, text, images))
            default: throw .badRequest("unknown role '\(message.role)'")
            }
        }
        guard let last = turns.last, last.role == "user", !last.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .badRequest("the last message must be the user's question", code: "no_question")
        }
        var history: [ConversationTurn] = [], pending: String?
        for turn in turns.dropLast() {
            if turn.role == "user" { pending = turn.text } else {
                history.append(ConversationTurn(prompt: pending ?? "", answer: turn.text))
                pending = nil
            }
        }
        if let temperature = decoded.temperature, !(0...2).contains(temperature) { throw .badRequest("temperature must be from 0 to 2") }
        if let topP = decoded.top_p, !(0...1).contains(topP) { throw .badRequest("top_p must be from 0 to 1") }
        let maxTokens = decoded.max_completion_tokens ?? decoded.max_tokens
        if let maxTokens, maxTokens < 1 { throw .badRequest("max_tokens must be at least 1") }
        var images: [Attachment] = []
        for part in last.images { images.append(try image(part, number: images.count + 1, limit: maxImageBytes)) }
        return ChatRequest(tier: tier, question: last.text, images: images, systemPrompt: system.isEmpty ? nil : system.joined(separator: "\n\n"),
                           history: history, stream: decoded.stream ?? false,
                           answers: RequestOptions(temperature: decoded.temperature, topP: decoded.top_p),
                           synthesis: RequestOptions(maxTokens: maxTokens))
    }

    /// A `data:` URL's image; a web address is refused, since the council fetches nothing for a client.
    private static func image(_ part: Body.Content.Part, number: Int, limit: Int) throws(ServeError) -> Attachment {
        let name = "image \(number)"
        guard let url = part.image_url?.url else { throw .badRequest("\(name) has no image_url.url", code: "invalid_image") }
        guard let image = ChatImage(dataURL: url) else {
            throw .badRequest("\(name) must be a data: URL with base64 PNG, JPEG, GIF or WebP bytes (the council fetches no web address)",
                              code: "invalid_image")
        }
        guard image.data.count <= limit else {
            throw .badRequest("\(name) has \(image.data.count) bytes, over max_attachment_bytes (\(limit))", code: "image_too_large")
        }
        guard let type = ImageType.sniff(image.data) else { throw .badRequest("\(name) is not a PNG, JPEG, GIF or WebP image", code: "invalid_image") }
        return Attachment(name: name, content: .image(mediaType: type, data: image.data))
    }

    /// `council` is the configured tier; `council/TIER` names one.
    static func tier(_ model: String) throws(ServeError) -> Tier? {
        if model == "council" { return nil }
        guard model.hasPrefix("council/"), let tier = Tier(rawValue: String(model.dropFirst("council/".count)).lowercased()) else {
            throw .badRequest("unknown model '\(model)' — use council or council/\(Tier.allCases.map(\.rawValue).joined(separator: "|"))",
                              code: "model_not_found")
        }
        return tier
    }
}
