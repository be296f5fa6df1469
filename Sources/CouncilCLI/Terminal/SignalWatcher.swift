import Dispatch
import Glibc
import Synchronization

/// Turns Ctrl-C into a call to a handler while a turn runs, instead of killing the program.
///
///     let watcher = SignalWatcher { turnTask.cancel() }
///     watcher.start()
///     defer { watcher.stop() }
///     await turnTask.value
///
/// Why not `signal(SIGINT, SIG_IGN)` plus `DispatchSource.makeSignalSource`: on Linux libdispatch
/// installs its own forwarding handler only the first time a process registers a source for a
/// signal, and it does so asynchronously. A Ctrl-C before that registration is lost to SIG_IGN, and
/// once the disposition has been restored after a turn, every later watcher leaves SIGINT at SIG_IGN
/// and never hears it (tried by hand: the second turn could not be cancelled). So this watcher
/// installs its own handler synchronously in `start()`; the handler only writes a byte to a pipe
/// (async-signal-safe), and a dispatch read source on the watcher's own queue — never main, whose
/// thread may be blocked in `readline` — calls `handler`. `stop()` restores the previous disposition.
/// One watcher is active at a time; starting another takes the signal over.
public final class SignalWatcher: Sendable {
    private let signalNumber: Int32
    private let handler: @Sendable () -> Void
    private let queue: DispatchQueue
    private let state = Mutex<State>(State())

    private struct State: @unchecked Sendable {
        // DispatchSourceRead is not marked Sendable; it is only touched under the mutex.
        var source: (any DispatchSourceRead)?
        var writeEnd: Int32 = -1
        var previous: sigaction?
    }

    /// - Parameter handler: called on the watcher's queue once per burst of signals while watching;
    ///   `@Sendable` because it runs off the main actor.
    public init(signal signalNumber: Int32 = SIGINT, handler: @escaping @Sendable () -> Void) {
        self.signalNumber = signalNumber
        self.handler = handler
        self.queue = DispatchQueue(label: "council.signal-watcher")
    }

    public var isWatching: Bool { state.withLock { $0.source != nil } }

    public func start() {
        state.withLock { state in
            guard state.source == nil else { return }
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { return }
            let (readEnd, writeEnd) = (ends[0], ends[1])
            for end in ends {
                // Non-blocking: a flood of Ctrl-C must never block the signal handler.
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            }

            let source = DispatchSource.makeReadSource(fileDescriptor: readEnd, queue: queue)
            let handler = self.handler
            source.setEventHandler {
                var drain = [UInt8](repeating: 0, count: 64)
                while read(readEnd, &drain, drain.count) > 0 {}
                handler()
            }
            source.setCancelHandler {
                close(readEnd)
                close(writeEnd)
            }
            source.resume()

            signalPipeWriteEnd.store(writeEnd, ordering: .sequentiallyConsistent)
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { _ in
                let savedErrno = errno
                let fd = signalPipeWriteEnd.load(ordering: .relaxed)
                if fd >= 0 {
                    var byte: UInt8 = 1
                    _ = write(fd, &byte, 1)
                }
                errno = savedErrno
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART // other threads' system calls carry on undisturbed
            var previous = sigaction()
            sigaction(signalNumber, &action, &previous)

            state.previous = previous
            state.writeEnd = writeEnd
            state.source = source
        }
    }

    public func stop() {
        state.withLock { state in
            guard let source = state.source else { return }
            if var previous = state.previous { sigaction(signalNumber, &previous, nil) }
            // Only detach the pipe if another watcher has not taken the signal over since.
            _ = signalPipeWriteEnd.compareExchange(expected: state.writeEnd, desired: -1, ordering: .sequentiallyConsistent)
            source.cancel() // closes the pipe
            state = State()
        }
    }

    deinit { stop() }
}

/// The pipe the signal handler writes to. A global because a C signal handler cannot capture.
private let signalPipeWriteEnd = Atomic<Int32>(-1)
