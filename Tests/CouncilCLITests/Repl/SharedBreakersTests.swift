import Foundation
import Testing
import CouncilCore
import CouncilStore
@testable import CouncilCLI

/// Two processes on one database, as two terminals: a breaker the other one opens blocks the model at
/// this one's next turn, though this one read the breakers at its turn before and holds them since.
@Suite(.timeLimit(.minutes(2))) struct SharedBreakersTests {
    @Test func aBreakerAnotherProcessOpenedBlocksTheModelAtTheNextTurn() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        let session = try await h.runtime.store.createSession(named: "s").id!
        var state = try await h.state(of: "s")
        func outcome(of model: ModelID, turn number: Int) async throws -> ResultOutcome? {
            try await h.runtime.store.turn(session: session, number: number)?.results(of: .generation).first { $0.model == model }?.outcome
        }

        await h.type("What is 2+2?", &state)
        #expect(try await outcome(of: "charlie", turn: 1) == .arrived, "\(h.take())")

        // The other process: its own connections to the same file.
        let other = try CouncilStore(path: h.runtime.store.path)
        let open = CircuitBreaker(state: .open(until: EpochInstant(Date()).advanced(by: .seconds(1800))), samples: [])
        try await other.saveBreakers(["charlie": open])

        await h.type("What is 3+3?", &state)
        #expect(try await outcome(of: "charlie", turn: 2) == .blocked, "\(h.take())")
        #expect(try await outcome(of: "bravo", turn: 2) == .arrived)
    }
}

/// `council breakers reset X` in one terminal unblocks X in a REPL already running in another.
@Suite(.timeLimit(.minutes(2))) struct ResetWinsTests {
    @Test func aResetInAnotherProcessUnblocksTheModelInARunningRepl() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        let session = try await h.runtime.store.createSession(named: "s").id!
        var state = try await h.state(of: "s")
        func outcome(turn number: Int) async throws -> ResultOutcome? {
            try await h.runtime.store.turn(session: session, number: number)?.results(of: .generation).first { $0.model == "charlie" }?.outcome
        }
        // Another process opened charlie's breaker; this REPL's next turn takes it in and holds it.
        let other = try CouncilStore(path: h.runtime.store.path)
        let now = EpochInstant(Date())
        let open = CircuitBreaker(state: .open(until: now.advanced(by: .seconds(1800))), samples: [], openedAt: now)
        try await other.saveBreakers(["charlie": open])
        await h.type("What is 2+2?", &state)
        #expect(try await outcome(turn: 1) == .blocked, "\(h.take())")

        // A third process, the real binary, resets it.
        let reset = try await CouncilBinary.run(["breakers", "reset", "charlie"], environment: h.environment)
        #expect(reset.status == 0 && reset.stderr.contains("breaker reset: charlie"), "\(reset.stderr)")

        await h.type("What is 3+3?", &state)
        #expect(try await outcome(turn: 2) == .arrived, "the reset beats the older opening: \(h.take())")
        // And the REPL's own save does not bring the opening back.
        let saved = try #require(try await other.loadBreakers()["charlie"])
        #expect(saved.status(at: EpochInstant(Date())) == .allowed)
    }
}
