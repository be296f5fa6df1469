import Dispatch
import Glibc
import Synchronization

/// Turns Ctrl-C into a call to a handler while a turn runs, instead of killing the program.
/// `start()` sets SIGINT to SIG_IGN (so the default action cannot fire) and watches it with a dispatch
/// signal source on its own queue — never main, whose thread may be blocked in `readline`.
/// `stop()` stops watching and restores the disposition SIGINT had before `start()`.
///
///     let watcher = SignalWatcher { turnTask.cancel() }
///     watcher.start()
///     defer { watcher.stop() }
///     await turnTask.value
public final class SignalWatcher: Sendable {
    private let signalNumber: Int32
    private let handler: @Sendable () -> Void
    private let queue: DispatchQueue
    private let state = Mutex<State>(State())

    private struct State: @unchecked Sendable {
        // DispatchSourceSignal is not marked Sendable; it is only touched under the mutex.
        var source: (any DispatchSourceSignal)?
        var previous: sigaction?
    }

    /// - Parameter handler: called on the watcher's queue for every Ctrl-C while watching; must be
    ///   `@Sendable` (Swift 6 traps when a main-actor closure is called from another queue).
    public init(signal signalNumber: Int32 = SIGINT, handler: @escaping @Sendable () -> Void) {
        self.signalNumber = signalNumber
        self.handler = handler
        self.queue = DispatchQueue(label: "council.signal-watcher")
    }

    public var isWatching: Bool { state.withLock { $0.source != nil } }

    public func start() {
        state.withLock { state in
            guard state.source == nil else { return }
            var ignore = sigaction()
            ignore.__sigaction_handler.sa_handler = SIG_IGN
            sigemptyset(&ignore.sa_mask)
            var previous = sigaction()
            sigaction(signalNumber, &ignore, &previous)
            state.previous = previous
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler(handler: handler)
            source.resume()
            state.source = source
        }
    }

    public func stop() {
        state.withLock { state in
            guard let source = state.source else { return }
            source.cancel()
            state.source = nil
            if var previous = state.previous { sigaction(signalNumber, &previous, nil) }
            state.previous = nil
        }
    }

    deinit { stop() }
}
