import Foundation
import Synchronization

/// A point in wall-clock time, as a duration since 1970, so breaker state can be saved and restored
/// across runs of the program (a `ContinuousClock` instant means nothing to the next process).
public struct EpochInstant: InstantProtocol, Codable, Sendable, Hashable {
    public var sinceEpoch: Duration

    public init(sinceEpoch: Duration) { self.sinceEpoch = sinceEpoch }
    public init(_ date: Date) { self.sinceEpoch = .milliseconds(Int64((date.timeIntervalSince1970 * 1000).rounded())) }

    public var date: Date { Date(timeIntervalSince1970: sinceEpoch.seconds) }
    public func advanced(by duration: Duration) -> EpochInstant { .init(sinceEpoch: sinceEpoch + duration) }
    public func duration(to other: EpochInstant) -> Duration { other.sinceEpoch - sinceEpoch }
    public static func < (lhs: EpochInstant, rhs: EpochInstant) -> Bool { lhs.sinceEpoch < rhs.sinceEpoch }
}

/// The clock the engine reads: the system's in the program, a `TestClock` in tests.
public protocol EpochClock: Clock, Sendable where Instant == EpochInstant {}

/// Wall time for instants; sleeps on the monotonic clock so a clock change does not stretch a timeout.
public struct SystemClock: EpochClock {
    public init() {}
    public var now: EpochInstant { EpochInstant(Date()) }
    public var minimumResolution: Duration { .microseconds(1) }
    public func sleep(until deadline: EpochInstant, tolerance: Duration? = nil) async throws {
        try await ContinuousClock().sleep(for: now.duration(to: deadline), tolerance: tolerance)
    }
}

/// A clock that moves only when told to: breaker windows and cooldowns are tested in microseconds.
public final class TestClock: EpochClock {
    private struct Sleeper {
        let deadline: EpochInstant
        let continuation: CheckedContinuation<Void, any Error>
    }
    private struct State {
        var now: EpochInstant
        var sleepers: [UInt64: Sleeper] = [:]
        var nextID: UInt64 = 0
    }
    private let state: Mutex<State>

    public init(now: EpochInstant = EpochInstant(sinceEpoch: .seconds(1_700_000_000))) {
        state = Mutex(State(now: now))
    }

    public var now: EpochInstant { state.withLock { $0.now } }
    public var minimumResolution: Duration { .zero }

    public func advance(by duration: Duration) {
        let due = state.withLock { state -> [Sleeper] in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let ready = state.sleepers.filter { $0.value.deadline <= now }
            for id in ready.keys { state.sleepers[id] = nil }
            return Array(ready.values)
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    public func sleep(until deadline: EpochInstant, tolerance: Duration? = nil) async throws {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow = state.withLock { state -> Bool in
                    if deadline <= state.now || Task.isCancelled { return true }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
        try Task.checkCancellation()
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    public var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }

    public var milliseconds: Double { seconds * 1000 }
}
