import Foundation
import Testing
@testable import CouncilCore

/// Merging two processes' views of a breaker: a reset beats whatever came before it in either view,
/// what came after it still counts, and each request counts once.
@Suite struct BreakerResetMergeTests {
    static let policy = BreakerPolicy(failureThreshold: 0.25, window: .seconds(600), minimumRequests: 2, cooldown: .seconds(1800))
    static func at(_ seconds: Int) -> EpochInstant { EpochInstant(sinceEpoch: .seconds(1_000_000 + seconds)) }

    /// A breaker that failed at each of `seconds` (opened once there are two).
    static func failing(at seconds: [Int]) -> CircuitBreaker {
        var breaker = CircuitBreaker()
        for second in seconds { breaker.recordFailure(at: at(second), policy: policy) }
        return breaker
    }

    @Test func aNewerResetUndoesAnOlderOpeningInEitherView() {
        let opened = Self.failing(at: [10, 20])
        #expect(opened.openedAt == Self.at(20))
        let reset = CircuitBreaker.reset(at: Self.at(30))
        for merged in [CircuitBreaker.merging(opened, with: reset, at: Self.at(40)),
                       CircuitBreaker.merging(reset, with: opened, at: Self.at(40))] {
            #expect(merged.status(at: Self.at(40)) == .allowed)
            #expect(merged.samples.isEmpty, "the requests before the reset are gone")
            #expect(merged.resetAt == Self.at(30))
        }
    }

    @Test func anOpeningAfterTheResetStandsAndEachRequestCountsOnce() {
        var after = CircuitBreaker.reset(at: Self.at(30))
        after.recordFailure(at: Self.at(35), policy: Self.policy)
        after.recordFailure(at: Self.at(36), policy: Self.policy)
        let older = Self.failing(at: [10, 20])
        let merged = CircuitBreaker.merging(older, with: after, at: Self.at(40))
        #expect(merged.status(at: Self.at(40)) == .blocked(remaining: .seconds(1796)))
        #expect(merged.samples.map(\.at) == [Self.at(35), Self.at(36)])
        let twice = CircuitBreaker.merging(merged, with: after, at: Self.at(40))
        #expect(twice.samples.count == 2, "a request both views saw counts once")
    }

    @Test func withoutResetsBothViewsCountAndAnOpenOneStaysOpen() {
        let mine = Self.failing(at: [10]), theirs = Self.failing(at: [11, 12])
        let merged = CircuitBreaker.merging(mine, with: theirs, at: Self.at(20))
        #expect(merged.samples.count == 3)
        #expect(merged.status(at: Self.at(20)) == .blocked(remaining: .seconds(1792)))
    }

    @Test func theResetAndTheOpeningAreSavedAndRead() throws {
        var breaker = CircuitBreaker.reset(at: Self.at(30))
        breaker.recordFailure(at: Self.at(35), policy: Self.policy)
        breaker.recordFailure(at: Self.at(36), policy: Self.policy)
        let decoded = try JSONDecoder().decode(CircuitBreaker.self, from: try JSONEncoder().encode(breaker))
        #expect(decoded == breaker)
    }
}
