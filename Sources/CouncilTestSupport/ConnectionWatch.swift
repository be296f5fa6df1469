import CouncilCore
import Synchronization

/// Knows when the client closed its side, and lets a reply wait for that or sleep until it happens.
final class ConnectionWatch: Sendable {
    private struct State {
        var closed = false
        var sleeper: Task<Void, any Error>?
    }
    /// `closed` and the sleeper change together, so a sleep never starts after the close it missed.
    private let state = Mutex(State())
    private let gone = Latch()

    func close() {
        let sleeper = state.withLock { state in
            state.closed = true
            return state.sleeper
        }
        sleeper?.cancel()
        gone.fire()
    }

    func waitUntilClosed() async { await gone.wait() }

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
