/// Why a chat request failed. Every message is the server's own, with keys redacted.
public enum ChatError: Error, Sendable, Equatable {
    case unauthorized(status: Int, message: String)
    case unknownModel(message: String)
    case rateLimited(retryAfterSeconds: Int?, message: String)
    case serverError(status: Int, message: String)
    case httpError(status: Int, message: String)
    case malformedResponse(String)
    case connectionFailed(String)
    case streamCut(receivedCharacters: Int, message: String)
    /// The model has no provider (no key, or not in the configuration).
    case notConfigured(String)

    /// One short line for a status board.
    public var summary: String {
        switch self {
        case .unauthorized(let status, let message): "HTTP \(status) unauthorized: \(message)"
        case .unknownModel(let message): "unknown model: \(message)"
        case .rateLimited(let retry, let message):
            "HTTP 429 rate limited" + (retry.map { " (retry after \($0) s)" } ?? "") + ": \(message)"
        case .serverError(let status, let message): "HTTP \(status) server error: \(message)"
        case .httpError(let status, let message): "HTTP \(status): \(message)"
        case .malformedResponse(let detail): "malformed response: \(detail)"
        case .connectionFailed(let detail): "connection failed: \(detail)"
        case .streamCut(let count, let message): "stream cut after \(count) characters: \(message)"
        case .notConfigured(let detail): "not configured: \(detail)"
        }
    }
}

extension ChatError {
    /// A breaker measures availability: timeouts, 5xx, 429, refused or cut connections, malformed
    /// bodies. A rejected key, an unknown model or a missing provider is configuration: said, not counted.
    public var countsAgainstAvailability: Bool {
        switch self {
        case .unauthorized, .unknownModel, .notConfigured: false
        case .rateLimited, .serverError, .httpError, .malformedResponse, .connectionFailed, .streamCut: true
        }
    }
}

extension ChatError: CustomStringConvertible {
    public var description: String { summary }
}
