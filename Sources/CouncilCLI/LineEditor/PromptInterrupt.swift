import Glibc
import Synchronization

/// Catches Ctrl-C while the program waits for a line, so it means "discard this line" rather than
/// "quit". libedit's `readline` on Linux installs its own SIGINT handler during a read; on Ctrl-C it
/// restores the terminal, re-raises SIGINT to whatever handler was there before and returns NULL — the
/// same value as Ctrl-D. With the default disposition that kills the program, with SIG_IGN the Ctrl-C
/// looks like end of input. So around each read we install a handler that records the signal, and
/// tell the two NULLs apart by it. Only the blocking read itself runs under this handler; the previous
/// disposition (e.g. a `SignalWatcher`'s) is restored straight after.
enum PromptInterrupt {
    /// Written from the signal handler: atomic loads and stores are async-signal-safe.
    private static let seen = Atomic<Bool>(false)
    /// The thread blocked in the read. The kernel hands a terminal's SIGINT to the main thread when
    /// it can, so if the read runs elsewhere the handler forwards the signal to interrupt it.
    private static let readingThread = Atomic<UInt>(0)

    /// Runs `read` with SIGINT recorded instead of acted on; reports whether one arrived.
    static func catching<T>(_ read: () -> T) -> (value: T, interrupted: Bool) {
        seen.store(false, ordering: .sequentiallyConsistent)
        readingThread.store(UInt(pthread_self()), ordering: .sequentiallyConsistent)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signalNumber in
            PromptInterrupt.seen.store(true, ordering: .sequentiallyConsistent)
            let reader = PromptInterrupt.readingThread.load(ordering: .sequentiallyConsistent)
            if reader != 0, reader != UInt(pthread_self()) {
                pthread_kill(pthread_t(reader), signalNumber)
            }
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0 // no SA_RESTART: the blocked read must return
        var previous = sigaction()
        sigaction(SIGINT, &action, &previous)
        // A thread started from a dispatch worker inherits its mask, which blocks SIGINT: a forwarded
        // Ctrl-C would then never interrupt the read. Unblock it here for the read's duration.
        var interrupt = sigset_t()
        var previousMask = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, &previousMask)
        let value = read()
        pthread_sigmask(SIG_SETMASK, &previousMask, nil)
        sigaction(SIGINT, &previous, nil)
        readingThread.store(0, ordering: .sequentiallyConsistent)
        return (value, seen.exchange(false, ordering: .sequentiallyConsistent))
    }
}
