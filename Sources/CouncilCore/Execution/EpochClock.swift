import Foundation

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

/// The clock the engine reads: the system's in the program, one that moves when told to in tests
/// (`CouncilTestSupport.TestClock`).
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

extension Duration {
    /// The duration in seconds, as a floating-point number.
    public var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }

    public var milliseconds: Double { seconds * 1000 }
}
