import CouncilCore
import Foundation
import ServiceLifecycle
import UnixSignals

/// How `council serve` stops. The first SIGTERM or Ctrl-C stops accepting connections and gives the
/// turns in flight `stop_deadline` to finish; once it has passed (or at a second signal) each turn still
/// running is cancelled. A cancelled turn ends as any turn ends: stored as cancelled, its provider
/// requests closed, its client told so (503, or an `error` event in a stream) before the server lets go
/// of the connection. The service group's own limit is only the backstop.
final class ServeStop: Sendable {
    private let deadlinePassed = Latch()

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
    func passed() async { await deadlinePassed.wait() }

    private func pass() { deadlinePassed.fire() }
}
