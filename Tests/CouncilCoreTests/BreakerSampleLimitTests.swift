import Foundation
import Testing
@testable import CouncilCore

/// A breaker's window keeps the newest `sampleLimit` requests, in memory and merged: a model a served
/// council calls many times a second must not make every save encode ten minutes of requests.
@Suite struct BreakerSampleLimitTests {
    static let policy = BreakerPolicy(failureThreshold: 0.25, window: .seconds(600), minimumRequests: 5, cooldown: .seconds(1800))
    static func at(_ milliseconds: Int) -> EpochInstant { EpochInstant(sinceEpoch: .milliseconds(1_000_000_000 + milliseconds)) }

    /// `count` successes, one a millisecond from `start`.
    static func answering(_ count: Int, from start: Int) -> CircuitBreaker {
        var breaker = CircuitBreaker()
        for index in 0..<count { breaker.recordSuccess(at: at(start + index), policy: policy) }
        return breaker
    }

    @Test func theWindowKeepsTheNewestRequests() {
        let breaker = Self.answering(CircuitBreaker.sampleLimit + 50, from: 0)
        #expect(breaker.samples.count == CircuitBreaker.sampleLimit)
        #expect(breaker.samples.first?.at == Self.at(50), "the oldest went first")
        #expect(breaker.samples.last?.at == Self.at(CircuitBreaker.sampleLimit + 49))
    }

    @Test func aMergeKeepsTheNewestOfBothViewsEachOnce() {
        let mine = Self.answering(150, from: 0), theirs = Self.answering(150, from: 100)
        let merged = CircuitBreaker.merging(mine, with: theirs, at: Self.at(1_000))
        // 250 distinct requests (100…149 in both), of which the newest 200 stay.
        #expect(merged.samples.count == CircuitBreaker.sampleLimit)
        #expect(merged.samples.first?.at == Self.at(50))
        #expect(Set(merged.samples).count == merged.samples.count, "a request both views saw counts once")
    }

    @Test func failuresAmongTheNewestStillOpenIt() {
        var breaker = Self.answering(CircuitBreaker.sampleLimit, from: 0)
        // A quarter of the window failing is not enough; one more is.
        for index in 0..<(CircuitBreaker.sampleLimit / 4) {
            breaker.recordFailure(at: Self.at(1_000 + index), policy: Self.policy)
        }
        #expect(breaker.status(at: Self.at(2_000)) == .allowed)
        breaker.recordFailure(at: Self.at(1_900), policy: Self.policy)
        #expect(breaker.status(at: Self.at(2_000)) != .allowed)
    }
}
