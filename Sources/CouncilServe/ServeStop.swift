import Foundation
import ServiceLifecycle
import Synchronization
import UnixSignals

/// How `council serve` stops. The first SIGTERM or Ctrl-C stops accepting connections and gives the
/// turns in flight `stop_deadline` to finish; once it has passed (or at a second signal) each turn still
/// running is cancelled. A cancelled turn ends as any turn ends: stored as cancelled, its provider
/// requests closed, its client told so (503, or an `error` event in a stream) before the server lets go
/// of the connection. The service group's own limit is only the backstop.
final class ServeStop: Sendable {
    private let state = Mutex<(passed: Bool, waiters: [UUID: CheckedContinuation<Void, Never>])>((false, [:]))

    /// Runs `group` until it has stopped, stopping it at a signal.
    func run(_ group: ServiceGroup, deadline: Duration) async throws {
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            tasks.addTask {
                var timer: Task<Void, Never>?
                defer { timer?.cancel() }
                for await _ in await UnixSignalsSequence(trapping: .sigterm, .sigint) {
                    guard timer == nil else {
                        self.pass()
                        continue
                    }
                    await group.triggerGracefulShutdown()
                    timer = Task {
                        try? await Task.sleep(for: deadline)
                        if !Task.isCancelled { self.pass() }
                    }
                }
            }
            // The group's task ends first: the signals' ends only when cancelled.
            try await tasks.next()
            tasks.cancelAll()
        }
    }

    /// Returns once the deadline has passed (at once when it has), or when the caller is cancelled.
    func passed() async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state -> Bool in
                    if state.passed || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    private func pass() {
        let waiters = state.withLock { state in
            state.passed = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }
}
