/// How one model's request ended, before the fan-out says what that means for the model and its breaker.
enum CallAttempt: Sendable {
    case success(ChatCompletion)
    case failure(ChatError)
    /// An answer arrived but the acceptance check turned it down.
    case rejected(ChatCompletion, ChatError)
    case cancelled
    /// Past the model's own timeout (shorter than the fan-out's).
    case timedOut(after: Duration)

    /// Runs `body`, telling a cancellation of the calling task apart from a failure of the request.
    static func of(_ body: () async throws -> ChatCompletion) async -> CallAttempt {
        do {
            return .success(try await body())
        } catch let error as ChatError {
            return Task.isCancelled ? .cancelled : .failure(error)
        } catch is CancellationError {
            return .cancelled
        } catch {
            return Task.isCancelled ? .cancelled : .failure(.connectionFailed(String(describing: error)))
        }
    }
}
