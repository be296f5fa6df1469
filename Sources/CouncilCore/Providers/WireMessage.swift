/// A message as it goes on the wire: its content a plain string (or parts, with images), or, for the
/// message that ends the stable prefix under Anthropic's cache marks, a text part carrying
/// `cache_control` (and its images after it).
enum WireMessage: Encodable {
    case plain(ChatMessage)
    case marked(ChatMessage)

    /// `messages`, with the one before the last marked when `marks` asks for it: everything up to it
    /// is what the next call repeats (the system prompt, then the earlier exchanges), the last message
    /// is new in this call.
    static func marking(_ messages: [ChatMessage], _ marks: CacheMarks) -> [WireMessage] {
        let stableEnd = marks == .anthropic && messages.count >= 2 ? messages.count - 2 : nil
        return messages.enumerated().map { index, message in index == stableEnd ? .marked(message) : .plain(message) }
    }

    private enum Keys: String, CodingKey { case role, content }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .plain(let message):
            try message.encode(to: encoder)
        case .marked(let message):
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(message.role, forKey: .role)
            try container.encode(message.parts(cacheMarked: true), forKey: .content)
        }
    }
}
