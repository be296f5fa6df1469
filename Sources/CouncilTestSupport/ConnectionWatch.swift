import Synchronization

/// Knows when the client closed its side, and lets a reply wait for that or sleep until it happens.
final class ConnectionWatch: Sendable {
    private struct State {
        var closed = false
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextID: UInt64 = 0
        var sleeper: Task<Void, any Error>?
    }
    private let state = Mutex(State())

    func close() {
        let (waiters, sleeper) = state.withLock { state in
            state.closed = true
            defer { state.waiters.removeAll() }
            return (Array(state.waiters.values), state.sleeper)
        }
        sleeper?.cancel()
        for waiter in waiters { waiter.resume() }
    }

    func waitUntilClosed() async {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.closed || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// Sleeps for `duration`; returns false when the client went away first (closing cancels the sleep).
    func sleep(_ duration: Duration) async -> Bool {
        guard duration > .zero else { return !state.withLock { $0.closed } }
        let sleeper = Task { try await Task.sleep(for: duration) }
        let open = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.sleeper = sleeper
            return true
        }
        guard open else {
            sleeper.cancel()
            return false
        }
        let slept = await withTaskCancellationHandler {
            (try? await sleeper.value) != nil
        } onCancel: {
            sleeper.cancel()
        }
        return state.withLock { state in
            state.sleeper = nil
            return slept && !state.closed
        }
    }
}
