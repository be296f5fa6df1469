import CouncilCore
import Synchronization

/// A clock that moves only when told to: breaker windows and cooldowns are tested in microseconds.
public final class TestClock: EpochClock {
    private struct Sleeper {
        let deadline: EpochInstant
        let continuation: CheckedContinuation<Void, any Error>
    }
    private struct State {
        var now: EpochInstant
        var sleepers: [UInt64: Sleeper] = [:]
        var nextID: UInt64 = 0
    }
    private let state: Mutex<State>

    public init(now: EpochInstant = EpochInstant(sinceEpoch: .seconds(1_700_000_000))) {
        state = Mutex(State(now: now))
    }

    public var now: EpochInstant { state.withLock { $0.now } }
    /// Sleeps not yet due: a test waits for a timer to be set before it moves the clock past it.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }
    public var minimumResolution: Duration { .zero }

    public func advance(by duration: Duration) {
        let due = state.withLock { state -> [Sleeper] in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let ready = state.sleepers.filter { $0.value.deadline <= now }
            for id in ready.keys { state.sleepers[id] = nil }
            return Array(ready.values)
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    public func sleep(until deadline: EpochInstant, tolerance: Duration? = nil) async throws {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow = state.withLock { state -> Bool in
                    if deadline <= state.now || Task.isCancelled { return true }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
        try Task.checkCancellation()
    }
}
