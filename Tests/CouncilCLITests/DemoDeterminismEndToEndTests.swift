import Foundation
import Testing

/// The demo council through the binary is reproducible when its seed is fixed (`COUNCIL_DEMO_SEED`,
/// read by `CouncilRuntime.start`): the seed decides which simulated model fails or stalls. The two
/// seeds below were picked for outcomes that differ; a change to the demo's plans may need others.
@Suite(.serialized, .timeLimit(.minutes(1))) struct DemoDeterminismEndToEndTests {
    /// Each generation answer's model and outcome, from `council ask --json`.
    func outcomes(seed: UInt64) async throws -> [String: String] {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("council-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let run = try await CouncilBinary.run(["ask", "--json", "What is a monad?"],
                                              environment: CouncilBinary.demoEnvironment(home: home, seed: seed))
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let generation = try #require(document["generation"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: generation.compactMap { answer in
            (answer["model"] as? String).map { ($0, answer["outcome"] as? String ?? "?") }
        })
    }

    @Test func theSeedDecidesWhichModelsFail() async throws {
        async let first = outcomes(seed: 1), second = outcomes(seed: 2)
        let (one, two) = try await (first, second)
        #expect(one == ["demo/flaky": "failed", "demo/quick": "arrived", "demo/steady": "arrived", "demo/stalling": "timed_out"])
        #expect(two == ["demo/flaky": "failed", "demo/quick": "arrived", "demo/steady": "arrived", "demo/stalling": "arrived"])
    }
}
