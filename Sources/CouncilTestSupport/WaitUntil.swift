import Foundation
import Synchronization

/// Polls `condition` until it holds or `timeout` passes; false then, so a test fails with its own
/// message instead of hanging the suite.
public func waitUntil(within timeout: Duration = .seconds(20), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { return false }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return true
}

/// Runs synchronous `work` on a thread of its own and waits for it until `timeout`; false when it was
/// not done by then. A test of one pass over megabytes fails so, where a quadratic step would hang the
/// suite (synchronous code cannot be cancelled: the thread is left to finish in the background).
public func finishes(within timeout: Duration, _ work: @escaping @Sendable () -> Void) async -> Bool {
    let done = DoneFlag()
    Thread {
        work()
        done.flag.withLock { $0 = true }
    }.start()
    return await waitUntil(within: timeout) { done.flag.withLock { $0 } }
}

private final class DoneFlag: Sendable {
    let flag = Mutex(false)
}
