import Foundation
import Glibc
import Synchronization
import Testing
@testable import CouncilCLI

/// Uses SIGUSR1, not SIGINT, so it cannot disturb other tests that install a SIGINT handler.
@Suite(.serialized) struct TerminalSignalWatcherTests {
    /// The installed handler as an address: 0 is SIG_DFL, 1 is SIG_IGN.
    private static func currentHandler(_ signalNumber: Int32) -> UInt {
        var action = sigaction()
        sigaction(signalNumber, nil, &action)
        return action.__sigaction_handler.sa_handler.map { unsafeBitCast($0, to: UInt.self) } ?? 0
    }

    private static let ignored = unsafeBitCast(SIG_IGN, to: UInt.self)

    @Test func callsHandlerAndRestoresDisposition() async throws {
        let before = Self.currentHandler(SIGUSR1)
        let calls = Atomic<Int>(0)
        let watcher = SignalWatcher(signal: SIGUSR1) { calls.add(1, ordering: .relaxed) }
        watcher.start()
        #expect(watcher.isWatching)
        #expect(Self.currentHandler(SIGUSR1) == Self.ignored)

        // The source registers asynchronously; the signal is ignored until then, so repeat it.
        let deadline = Date().addingTimeInterval(5)
        while calls.load(ordering: .relaxed) == 0, Date() < deadline {
            kill(getpid(), SIGUSR1)
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(calls.load(ordering: .relaxed) > 0)

        watcher.stop()
        #expect(!watcher.isWatching)
        #expect(Self.currentHandler(SIGUSR1) == before)
    }

    @Test func stopWithoutStartIsHarmless() {
        let before = Self.currentHandler(SIGUSR1)
        let watcher = SignalWatcher(signal: SIGUSR1) {}
        watcher.stop()
        #expect(Self.currentHandler(SIGUSR1) == before)
    }
}
