import CouncilCore
import Foundation
import Testing
@testable import CouncilStore

/// Two store instances (two connection pools, as two processes would have) on one file.
@Suite(.timeLimit(.minutes(2))) struct ConcurrentWriterTests {
    @Test func twoStoresWritingAtOnceLoseNothing() async throws {
        let database = try TemporaryDatabase()
        let first = try database.open(clock: SystemClock())
        let second = try database.open(clock: SystemClock())
        let sessions = [try await first.createSession(named: "one").id!, try await second.createSession(named: "two").id!]
        let turnsPerWriter = 20
        let resultsPerTurn = 5

        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, store) in [first, second].enumerated() {
                for task in 0..<turnsPerWriter {
                    group.addTask {
                        // Both writers add turns to both sessions.
                        let session = sessions[(task + index) % 2]
                        let turn = try await store.beginTurn(session: session, prompt: "w\(index) t\(task)",
                                                             tier: "t", models: ["m"])
                        try await withThrowingTaskGroup(of: Void.self) { results in
                            for result in 0..<resultsPerTurn {
                                results.addTask {
                                    try await store.appendResult(turn: turn.id!, stage: .generation,
                                                                 model: ModelID("m\(result)"), outcome: .arrived,
                                                                 text: "r\(result)", latency: .milliseconds(result))
                                }
                            }
                            try await results.waitForAll()
                        }
                        try await store.finishTurn(turn: turn.id!, status: .complete, finalAnswer: "f",
                                                   synthesised: true, chairman: "m", ranking: nil, usage: Usage())
                    }
                }
            }
            try await group.waitForAll()
        }

        let reader = try database.open()
        var allTurns = 0
        for session in sessions {
            let turns = try await reader.turns(session: session)
            #expect(turns.map(\.number) == Array(1...turns.count), "numbers per session unique and gap-free")
            allTurns += turns.count
            for summary in turns {
                let turn = try #require(try await reader.turn(id: summary.id))
                #expect(turn.results.count == resultsPerTurn)
                #expect(Set(turn.results.map(\.text)) == Set((0..<resultsPerTurn).map { "r\($0)" }))
                #expect(turn.turn.status == .complete)
            }
        }
        #expect(allTurns == 2 * turnsPerWriter)
        let stats = try await reader.modelStats()
        #expect(stats.map(\.arrived).reduce(0, +) == 2 * turnsPerWriter * resultsPerTurn)
    }
}
