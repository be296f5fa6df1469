import Foundation
import GRDB
import Testing
import CouncilCore
import CouncilTestSupport

/// Two council processes on one database, as two terminals would be: every turn is kept, numbered
/// without gaps, and a model's breaker failures from both count together.
@Suite(.serialized, .timeLimit(.minutes(3))) struct TwoProcessesEndToEndTests {
    @Test func twoAskLoopsLoseNoTurnAndShareBreakers() async throws {
        let server = try await CouncilBinary.council(generation: { request in
            request.model == "charlie" ? .error(status: 503, message: "overloaded") : .stream("Answer.")
        })
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let perLoop = 4
        let shared = environment

        try await withThrowingTaskGroup(of: [Int32].self) { group in
            for loop in 0..<2 {
                group.addTask {
                    var statuses: [Int32] = []
                    for index in 0..<perLoop {
                        statuses.append(try await CouncilBinary.run(["ask", "loop \(loop) question \(index)"], environment: shared).status)
                    }
                    return statuses
                }
            }
            for try await statuses in group { #expect(statuses.allSatisfy { $0 == 0 }, "\(statuses)") }
        }

        let database = try DatabaseQueue(path: home.appendingPathComponent("council/council.db").path)
        let (numbers, prompts, breaker) = try await database.read { db in
            (try Int.fetchAll(db, sql: "SELECT number FROM turns ORDER BY number"),
             Set(try String.fetchAll(db, sql: "SELECT prompt FROM turns")),
             try String.fetchOne(db, sql: "SELECT state FROM breakers WHERE model = 'charlie'"))
        }
        #expect(numbers == Array(1...(2 * perLoop)), "numbers without gaps: \(numbers)")
        #expect(prompts.count == 2 * perLoop, "no turn lost")
        // charlie failed in every turn of both loops; five failures open its breaker (the seed's policy).
        let opened = try #require(breaker, "charlie's breaker was not saved")
        #expect(!opened.contains("\"closed\""), "\(opened)")
        await server.stop()
    }
}
