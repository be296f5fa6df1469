import Synchronization

/// What every call of one turn shares: where its events go, and the providers that refused their key.
struct TurnCalls: Sendable {
    let onEvent: @Sendable (CouncilEvent) -> Void
    let rejected = RejectedProviders()
}

/// Counts one streaming answer's characters (its deltas arrive one after another).
final class ReceivedCharacters: Sendable {
    private let count = Mutex(0)
    func add(_ characters: Int) -> Int { count.withLock { $0 += characters; return $0 } }
}
