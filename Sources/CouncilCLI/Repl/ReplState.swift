import CouncilCore
import CouncilStore

/// What the REPL knows between two lines: the open session, its settings, the conversation the next
/// turn carries and the last prompt. The command handler turns one state into the next.
public struct ReplState: Sendable, Equatable {
    public var session: OpenSession
    public var settings: SessionState
    /// The conversation the next turn carries; `/clear` empties it, opening a session reloads it.
    public var history: [ConversationTurn]
    /// The prompt `/edit` starts from.
    public var lastPrompt: String?
    /// The session's newest turn number, refreshed from the store before each command (another
    /// REPL may have added turns); `nil` while the session has none.
    public var lastTurnNumber: Int?
    /// Answers printed as the model wrote them, not rendered (`/raw`, `--raw`); not saved.
    public var rawOutput = false
    /// What `/file` attached to the next question; it goes with that question and is stored with it.
    public var attachments: [Attachment] = []

    public init(session: OpenSession, settings: SessionState, history: [ConversationTurn] = [],
                lastPrompt: String? = nil, lastTurnNumber: Int? = nil) {
        self.session = session
        self.settings = settings
        self.history = history
        self.lastPrompt = lastPrompt
        self.lastTurnNumber = lastTurnNumber
    }
}

/// A session as the REPL holds it: stored, so its id is always there.
public struct OpenSession: Sendable, Equatable {
    public var id: Int64
    public var name: String

    public init(id: Int64, name: String) {
        self.id = id
        self.name = name
    }
}
