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


    @Test func callsHandlerAndRestoresDisposition() async throws {
        let before = Self.currentHandler(SIGUSR1)
        let calls = Atomic<Int>(0)
        let watcher = SignalWatcher(signal: SIGUSR1) { calls.add(1, ordering: .relaxed) }
        watcher.start()
        #expect(watcher.isWatching)
        #expect(Self.currentHandler(SIGUSR1) != before)

        // One signal, sent at once: the handler is installed synchronously, so it cannot be lost.
        kill(getpid(), SIGUSR1)
        try await Self.waitUntil { calls.load(ordering: .relaxed) > 0 }
        #expect(calls.load(ordering: .relaxed) == 1)

        watcher.stop()
        #expect(!watcher.isWatching)
        #expect(Self.currentHandler(SIGUSR1) == before)
    }

    /// The failure mode of SIG_IGN + DispatchSource.makeSignalSource on Linux: the second watch missed.
    @Test func watchesAgainAfterStop() async throws {
        let calls = Atomic<Int>(0)
        for round in 1...3 {
            let watcher = SignalWatcher(signal: SIGUSR1) { calls.add(1, ordering: .relaxed) }
            watcher.start()
            kill(getpid(), SIGUSR1)
            try await Self.waitUntil { calls.load(ordering: .relaxed) == round }
            #expect(calls.load(ordering: .relaxed) == round)
            watcher.stop()
        }
    }

    private static func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(5)
        while !condition(), Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
    }

    @Test func stopWithoutStartIsHarmless() {
        let before = Self.currentHandler(SIGUSR1)
        let watcher = SignalWatcher(signal: SIGUSR1) {}
        watcher.stop()
        #expect(Self.currentHandler(SIGUSR1) == before)
    }
}
