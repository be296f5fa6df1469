/// One message of an OpenAI-style conversation. A message with images is sent with its content as
/// parts (`text`, then one `image_url` per image); without, as one string.
public struct ChatMessage: Sendable, Codable, Equatable {
    public enum Role: String, Sendable, Codable { case system, user, assistant }

    public var role: Role
    public var content: String
    public var images: [ChatImage]

    public init(role: Role, content: String, images: [ChatImage] = []) {
        self.role = role
        self.content = content
        self.images = images
    }

    public static func system(_ text: String) -> ChatMessage { .init(role: .system, content: text) }
    public static func user(_ text: String, images: [ChatImage] = []) -> ChatMessage { .init(role: .user, content: text, images: images) }
    public static func assistant(_ text: String) -> ChatMessage { .init(role: .assistant, content: text) }

    private enum CodingKeys: String, CodingKey { case role, content }

    /// One content part: text (with an Anthropic cache mark on the one that ends a stable prefix), or an image.
    struct Part: Codable {
        struct ImageURL: Codable { var url: String }
        struct CacheControl: Codable { var type = "ephemeral" }
        var type: String
        var text: String?
        var image_url: ImageURL?
        var cache_control: CacheControl?
    }

    /// The content as parts: the text, then the images.
    func parts(cacheMarked: Bool = false) -> [Part] {
        [Part(type: "text", text: content, cache_control: cacheMarked ? .init() : nil)]
            + images.map { Part(type: "image_url", image_url: .init(url: $0.dataURL)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(role, forKey: .role)
        guard !images.isEmpty else { return try container.encode(content, forKey: .content) }
        try container.encode(parts(), forKey: .content)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decode(Role.self, forKey: .role)
        if let text = try? container.decode(String.self, forKey: .content) {
            (content, images) = (text, [])
        } else {
            let parts = try container.decode([Part].self, forKey: .content)
            content = parts.compactMap(\.text).joined(separator: "\n")
            images = parts.compactMap { $0.image_url.flatMap { ChatImage(dataURL: $0.url) } }
        }
    }
}
