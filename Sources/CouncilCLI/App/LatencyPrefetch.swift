import CouncilCore
import CouncilStore
import Synchronization

/// The latency figures for the next turn, read from the store as the last one ends, while the user
/// types: a turn with `auto` then starts without waiting for the read. Figures for other models, or
/// none, are read when the turn starts.
final class LatencyPrefetch: Sendable {
    private let pending = Mutex<(models: Set<ModelID>, read: Task<LatencyStats, Never>)?>(nil)

    /// Starts reading the figures of `models` now.
    func start(_ models: [ModelID], read: @escaping @Sendable () async -> LatencyStats) {
        let task = Task { await read() }
        pending.withLock { $0 = (Set(models), task) }
    }

    /// The figures started for `models`, once; nil when none were, or for other models.
    func take(_ models: [ModelID]) -> Task<LatencyStats, Never>? {
        pending.withLock { pending in
            defer { pending = nil }
            guard let pending, pending.models.isSuperset(of: models) else { return nil }
            return pending.read
        }
    }
}
