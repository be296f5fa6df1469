import Synchronization

/// The providers that refused their key during one turn: their other models are not sent for the
/// rest of the turn, and each refusal is reported once.
final class RejectedProviders: Sendable {
    private let rejected = Mutex<[String: String]>([:])

    /// The reason a provider was refused earlier in the turn, if it was.
    func reason(for provider: String) -> String? { rejected.withLock { $0[provider] } }

    /// Records a refusal; true the first time for that provider.
    func reject(_ provider: String, reason: String) -> Bool {
        rejected.withLock { table in
            guard table[provider] == nil else { return false }
            table[provider] = reason
            return true
        }
    }
}
