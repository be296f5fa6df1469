import Testing
@testable import CouncilCore
import CouncilTestSupport

/// Which of a hedged pair is heard: the first request to stream, and only it, from then on.
@Suite struct FirstTokenRaceTests {
    @Test func onlyTheRequestThatStreamedFirstIsHeard() {
        let clock = TestClock()
        let race = FirstTokenRace(clock: clock)
        let original = race.gate(0), hedge = race.gate(1)
        #expect(race.firstToken == nil)
        clock.advance(by: .seconds(3))
        #expect(hedge.pass(), "the first delta is heard")
        let first = clock.now
        clock.advance(by: .seconds(1))
        #expect(!original.pass(), "the other request's deltas are dropped")
        #expect(hedge.pass())
        #expect(race.firstToken == first, "the first token is the kept request's")
        #expect(race.lost(0) && !race.lost(1))
        #expect(!race.claimHedge(), "no hedge after a first token")
    }

    @Test func oneHedgeAtMost() {
        let race = FirstTokenRace(clock: TestClock())
        #expect(race.claimHedge())
        #expect(!race.claimHedge())
    }

    @Test func anOpenGateLetsEverythingThrough() {
        #expect(DeltaGate.open.pass() && DeltaGate.open.pass())
    }
}
