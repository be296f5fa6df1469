/// The messages a model sees for a turn: the system prompt, the earlier exchanges that fit the token
/// budget, and the current question with its attachments, which is never dropped.
///
/// Providers bill a repeated request prefix at a fraction of the price, but only while it stays
/// byte-identical. Dropping the oldest exchange every turn would change the first bytes of every request,
/// so the history is trimmed in steps: when a turn would exceed the budget, the oldest exchanges go until
/// the request is down to the low-water mark, and the next turns append to that until the budget is
/// reached again. Between two trims each request begins with the one before it.
public enum ConversationContext {
    /// A trim brings a request down to this share of the budget: the room left is the turns that follow
    /// it with the same prefix (half the budget keeps 3 of 4 requests a prefix once exchanges are
    /// smaller than an eighth of it).
    public static let lowWaterShare = 0.5

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
        let first = firstKept(system: head, history: history, question: question, budgetTokens: budgetTokens, for: model, images: images)
        return head + history[first...].flatMap { pair($0, for: model, images: images) } + [question]
    }

    public static func messages(system: String?, history: [ConversationTurn], question: String, budgetTokens: Int,
                                for model: ModelID? = nil) -> [ChatMessage] {
        messages(system: system, history: history, question: .user(question), budgetTokens: budgetTokens, for: model)
    }

    /// How many of `history`'s exchanges the next request carries (its question, not known yet, counted as empty).
    public static func carried(system: String?, history: [ConversationTurn], budgetTokens: Int) -> Int {
        let head = system.map { [ChatMessage.system($0)] } ?? []
        return history.count - firstKept(system: head, history: history, question: .user(""), budgetTokens: budgetTokens,
                                         for: nil, images: false)
    }

    /// The first exchange the current request keeps. The history holds no record of where earlier turns
    /// cut, so the cuts are replayed turn by turn from the first exchange: the same history and settings
    /// give the same cuts, and an earlier turn's cut is where that turn made it.
    static func firstKept(system head: [ChatMessage], history: [ConversationTurn], question: ChatMessage, budgetTokens: Int,
                          for model: ModelID?, images: Bool) -> Int {
        let fixed = head.map(estimatedTokens).reduce(0, +)
        let lowWater = Int(Double(budgetTokens) * lowWaterShare)
        let costs = history.map { pair($0, for: model, images: images).map(estimatedTokens).reduce(0, +) }
        var start = 0, carried = 0  // carried: the tokens of history[start..<turn]
        for turn in 0...history.count {
            let asked = fixed + estimatedTokens(turn < history.count ? history[turn].userMessage(images: images) : question)
            if asked + carried > budgetTokens {
                while start < turn, asked + carried > lowWater {
                    carried -= costs[start]
                    start += 1
                }
            }
            if turn < history.count { carried += costs[turn] }
        }
        return start
    }

    private static func pair(_ turn: ConversationTurn, for model: ModelID?, images: Bool) -> [ChatMessage] {
        [turn.userMessage(images: images), .assistant(turn.answer(for: model))]
    }
}
