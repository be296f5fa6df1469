import Glibc
import Synchronization

/// Catches Ctrl-C while the program waits for a line, so it means "discard this line" rather than
/// "quit". libedit's `readline` on Linux installs its own SIGINT handler during a read; on Ctrl-C it
/// restores the terminal, re-raises SIGINT to whatever handler was there before and returns NULL — the
/// same value as Ctrl-D. With the default disposition that kills the program, with SIG_IGN the Ctrl-C
/// looks like end of input. So around each read we install a handler that records the signal, and
/// tell the two NULLs apart by it. Only the blocking read itself runs under this handler; the previous
/// disposition (e.g. a `SignalWatcher`'s SIG_IGN) is restored straight after.
enum PromptInterrupt {
    /// Written from the signal handler: an atomic store is async-signal-safe.
    private static let seen = Atomic<Bool>(false)

    /// Runs `read` with SIGINT recorded instead of acted on; reports whether one arrived.
    static func catching<T>(_ read: () -> T) -> (value: T, interrupted: Bool) {
        seen.store(false, ordering: .relaxed)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in PromptInterrupt.seen.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0 // no SA_RESTART: the blocked read must return
        var previous = sigaction()
        sigaction(SIGINT, &action, &previous)
        let value = read()
        sigaction(SIGINT, &previous, nil)
        return (value, seen.exchange(false, ordering: .relaxed))
    }
}
