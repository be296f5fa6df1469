import Foundation
import CouncilCore

/// What the scripted server does with one request.
public enum ScriptedReply: Sendable {
    /// Streams `text` as server-sent events in `pieces` deltas after `delay`, then usage and `[DONE]`.
    /// With a `gap`, each delta is written and flushed on its own, `gap` after the one before (as a
    /// model produces tokens); without one the whole stream is a single write (cheapest, for benchmarks).
    case stream(String, delay: Duration = .zero, pieces: Int = 3, usage: Usage? = Usage(promptTokens: 12, completionTokens: 8),
                sendDone: Bool = true, gap: Duration = .zero)
    /// A whole (non-streamed) chat-completion JSON body.
    case json(String, delay: Duration = .zero, usage: Usage? = Usage(promptTokens: 12, completionTokens: 8))
    /// An error status with an OpenAI-style error body.
    case error(status: Int, message: String, retryAfter: Int? = nil, delay: Duration = .zero)
    /// Sends the headers (and `afterText` as a first delta, if any), then never finishes: it waits for
    /// the client to go away, which the server records.
    case hang(afterText: String? = nil)
    /// Streams `afterText`, then drops the connection mid-answer.
    case cut(afterText: String)
    /// Streams `bytes` of answer (the letter x) in deltas of `chunkBytes`, generated as it goes so the
    /// server holds one chunk at a time; stops early when the client goes away (recorded).
    case flood(bytes: Int, chunkBytes: Int = 64 << 10)
    /// Exact bytes: each string is written and flushed on its own, to split events across reads.
    case raw(status: Int = 200, contentType: String, writes: [String], delay: Duration = .zero)
    /// `reply` once the test opens `gate` (the request is received and recorded at once).
    indirect case gated(ReplyGate, ScriptedReply)
}

/// A request as the scripted server received it.
public struct ScriptedRequest: Sendable {
    public var model: ModelID
    public var messages: [ChatMessage]
    public var stream: Bool
    public var headers: [String: String]
    /// The request body as it arrived.
    public var body: Data = Data()

    /// The body's top-level JSON object, to check the fields a request carried.
    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }

    /// The text of the last user message: what a script usually branches on.
    public var lastUserText: String { messages.last { $0.role == .user }?.content ?? "" }
}
