import CouncilCore

/// A message as a client sent it: its content a string, or content parts whose texts are joined (how
/// a message carrying an Anthropic cache mark arrives).
struct ReceivedMessage: Decodable {
    private struct Part: Decodable { var text: String? }
    private enum Keys: String, CodingKey { case role, content }

    let message: ChatMessage

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let role = try container.decode(ChatMessage.Role.self, forKey: .role)
        let text = try? container.decode(String.self, forKey: .content)
        let content = try text ?? container.decode([Part].self, forKey: .content).compactMap(\.text).joined()
        message = ChatMessage(role: role, content: content)
    }
}
