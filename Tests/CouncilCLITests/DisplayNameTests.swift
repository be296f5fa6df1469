import Foundation
import Testing
import CouncilCore
import CouncilTestSupport
@testable import CouncilCLI

/// `models.ID.name` where the user reads model names: the board, the ranking, JSON, `/show`, transcripts.
@Suite(.serialized) struct DisplayNameTests {
    let t0 = EpochInstant(sinceEpoch: .seconds(1_000))
    let names = ModelNames(["openai/gpt-4o": "GPT-4o"])

    @Test func theBoardAndTheRankingShowTheName() {
        var board = StatusBoard(style: Style(enabled: false), names: names)
        board.apply(.stageStarted(.generation, models: ["openai/gpt-4o", "plain/model"]), at: t0)
        let done = ModelResult(model: "openai/gpt-4o", outcome: .arrived(ChatCompletion(text: "x", usage: nil)), latency: .seconds(1))
        let line = board.apply(.modelFinished(.generation, done), at: t0)
        #expect(line == "generation: GPT-4o arrived in 1.0 s")
        #expect(board.liveLines(at: t0).contains("  ✔ GPT-4o       arrived in 1.0 s"))
        let ranking = AggregateRanking(votes: [ReviewVote(reviewer: "plain/model", ranking: ["openai/gpt-4o", "plain/model"])],
                                       answers: ["openai/gpt-4o", "plain/model"])
        #expect(board.apply(.aggregate(ranking), at: t0) == "ranking: 1. GPT-4o, 2. plain/model")
        #expect(board.apply(.chairmanChosen("openai/gpt-4o", reason: "configured chairman"), at: t0)
                == "chairman: GPT-4o (configured chairman)")
    }

    @Test func jsonShowAndTranscriptsCarryNameAndId() async throws {
        let server = try await OneShotEndToEndTests.server(generation: OneShotEndToEndTests.answering)
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let file = try #require(environment["COUNCIL_CONFIG"])
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "alpha: {provider: local}", with: "alpha: {provider: local, name: Alpha One}")
            .write(toFile: file, atomically: true, encoding: .utf8)

        let run = try await CouncilBinary.run(["ask", "--json", "What is 2+2?"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let generation = try #require(document["generation"] as? [[String: Any]])
        let alpha = try #require(generation.first { $0["model"] as? String == "alpha" })
        #expect(alpha["name"] as? String == "Alpha One")
        #expect(generation.first { $0["model"] as? String == "bravo" }?["name"] == nil)
        #expect((document["ranking"] as? [[String: Any]])?.contains { $0["name"] as? String == "Alpha One" } == true)
        let totals = try #require(document["totals"] as? [String: Any])
        #expect(totals["priced_models"] as? Int == 0 && totals["models"] as? Int == 3 && totals["cost_known"] as? Double == 0,
                "no price and no reported cost: nothing is priced, and the document says so")

        let show = try await CouncilBinary.run(["sessions", "show", "ask"], environment: environment)
        #expect(show.stdout.contains("Alpha One (alpha) · arrived"), "\(show.stdout)")
        let markdown = try await CouncilBinary.run(["sessions", "export", "ask", "--format", "md"], environment: environment)
        #expect(markdown.stdout.contains("#### Alpha One (alpha) — arrived"))
        #expect(markdown.stdout.contains("- Models: Alpha One (alpha), bravo, charlie"))
        let json = try await CouncilBinary.run(["sessions", "export", "ask", "--format", "json"], environment: environment)
        let transcript = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(transcript["model_names"] as? [String: String] == ["alpha": "Alpha One"])
        await server.stop()
    }
}
