/// The messages a model sees for a turn: the system prompt, as many earlier exchanges as fit the token
/// budget (oldest dropped first), and the current question with its attachments, which is never dropped.
public enum ConversationContext {
    /// A rough estimate (about four characters a token, plus framing, plus a fixed figure per image);
    /// good enough for trimming.
    public static func estimatedTokens(_ message: ChatMessage) -> Int {
        (message.content.utf8.count + 3) / 4 + 4 + message.images.count * Attachment.imageTokens
    }

    /// `model` picks, for an exchange that kept every model's answer, the one that model gave; `images`
    /// says whether the model takes images (the earlier exchanges' and the question's).
    public static func messages(system: String?, history: [ConversationTurn], question: ChatMessage, budgetTokens: Int,
                                for model: ModelID? = nil, images: Bool = false) -> [ChatMessage] {
        let head = system.map { [ChatMessage.system($0)] } ?? []
        let tail = [question]
        var used = (head + tail).map(estimatedTokens).reduce(0, +)
        var kept: [ChatMessage] = []
        for turn in history.reversed() {
            let pair = [turn.userMessage(images: images), .assistant(turn.answer(for: model))]
            let cost = pair.map(estimatedTokens).reduce(0, +)
            guard used + cost <= budgetTokens else { break }
            used += cost
            kept.insert(contentsOf: pair, at: 0)
        }
        return head + kept + tail
    }

    public static func messages(system: String?, history: [ConversationTurn], question: String, budgetTokens: Int,
                                for model: ModelID? = nil) -> [ChatMessage] {
        messages(system: system, history: history, question: .user(question), budgetTokens: budgetTokens, for: model)
    }
}
