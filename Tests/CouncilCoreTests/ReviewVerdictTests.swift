import Foundation
import Synchronization
import Testing
import CouncilCore
import CouncilTestSupport

/// Each reviewer's verdict travels with its result: one event per reviewer, through a real server.
@Suite(.timeLimit(.minutes(2))) struct ReviewVerdictTests {
    static let answers: [ModelID: ScriptedReply] = ["alpha": .stream("Paris."), "bravo": .stream("Lyon."), "charlie": .stream("Nice.")]

    @Test func theReviewFinishedEventCarriesTheRankingOrWhyThereIsNone() async throws {
        let script = CouncilScript(answers: Self.answers, review: { model, view in
            switch model {
            case "alpha": .stream(view.ranking { $0 == "Paris." ? 2 : $0 == "Lyon." ? 1 : 0 })
            case "bravo": .stream("Nothing to rank here.")
            default: .error(status: 500, message: "down")
            }
        })
        let server = try await ScriptedServer.start(script: script.reply(to:))
        let council = Council(router: ModelRouter(models: ["alpha", "bravo", "charlie"], provider: client(server)),
                              breakers: BreakerBoard(), shuffleSeed: 3)
        let events = Mutex<[CouncilEvent]>([])
        let request = CouncilRequest(question: "Capital of France?", models: ["alpha", "bravo", "charlie"],
                                     perModelTimeout: .seconds(10), budget: .seconds(30))
        let result = await council.run(request) { event in events.withLock { $0.append(event) } }
        await server.stop()

        let reviews = events.withLock { $0 }.compactMap { event -> ReviewResult? in
            if case .reviewFinished(let review) = event { review } else { nil }
        }
        let byModel = Dictionary(uniqueKeysWithValues: reviews.map { ($0.call.model, $0) })
        #expect(reviews.count == 3, "one event per reviewer")
        #expect(byModel["alpha"]?.verdict == .ranked(["alpha", "bravo", "charlie"]))
        #expect(byModel["alpha"]?.call.outcome.isSuccess == true)
        #expect(byModel["bravo"]?.verdict == .rejected(reason: "no FINAL RANKING list or JSON ranking found"))
        #expect(byModel["bravo"]?.call.outcome == .failed(ReviewVerdict.failure(reason: "no FINAL RANKING list or JSON ranking found")),
                "an unparseable review is a failed review")
        #expect(byModel["charlie"]?.verdict == nil, "no reply arrived to judge")
        #expect(!events.withLock { $0 }.contains { if case .modelFinished(.review, _) = $0 { true } else { false } })
        #expect(result.reviews.sorted { $0.call.model < $1.call.model } == reviews.sorted { $0.call.model < $1.call.model })
        #expect(result.aggregate?.order == ["bravo", "charlie", "alpha"], "only alpha's ballot counts, its self-vote excluded")
        #expect(result.aggregate?.entries.map(\.votes) == [1, 1, 0])
    }

    @Test func aVerdictIsAJSONObject() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let ranked = ReviewVerdict.ranked(["a/one", "b/two"])
        let rejected = ReviewVerdict.rejected(reason: "ranking leaves out Response B")
        #expect(String(decoding: try encoder.encode(ranked), as: UTF8.self) == #"{"ranking":["a\/one","b\/two"]}"#)
        #expect(String(decoding: try encoder.encode(rejected), as: UTF8.self) == #"{"rejected":"ranking leaves out Response B"}"#)
        for verdict in [ranked, rejected] {
            #expect(try JSONDecoder().decode(ReviewVerdict.self, from: encoder.encode(verdict)) == verdict)
        }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ReviewVerdict.self, from: Data("{}".utf8)) }
    }
}
