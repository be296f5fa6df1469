import Foundation
import Testing
import CouncilCore
import CouncilStore
import CouncilTestSupport
@testable import CouncilCLI

/// A turn recorded from the council's events and exported as JSON: rankings are JSON values, not text.
@Suite(.timeLimit(.minutes(2))) struct TranscriptExportTests {
    static let models: [ModelID] = ["alpha", "bravo", "charlie"]

    /// Runs one real turn against the scripted server (bravo reviews with garbage) and records it.
    static func recordedTurn(in store: CouncilStore) async throws -> Int64 {
        let script = CouncilScript(answers: ["alpha": .stream("Paris."), "bravo": .stream("Lyon."), "charlie": .stream("Nice.")],
                                   review: { model, view in
                                       model == "bravo" ? .stream("No idea.") : .stream(view.ranking { $0 == "Paris." ? 1 : 0 })
                                   })
        let server = try await ScriptedServer.start(script: script.reply(to:))
        let provider = OpenAICompatibleClient(endpoint: ProviderEndpoint(name: "scripted", baseURL: server.baseURL, apiKey: "sk-test"))
        let council = Council(router: ModelRouter(models: models, provider: provider), breakers: BreakerBoard(), shuffleSeed: 5)
        let session = try await store.createSession(named: "export")
        let turn = try await store.beginTurn(session: session.id!, prompt: "Capital of France?", tier: "balanced", models: models)
        let recorder = TurnRecorder(store: store, turnID: turn.id!)
        let (events, continuation) = AsyncStream.makeStream(of: CouncilEvent.self)
        let request = CouncilRequest(question: "Capital of France?", models: models, perModelTimeout: .seconds(10), budget: .seconds(30))
        let engine = Task {
            _ = await council.run(request) { continuation.yield($0) }
            continuation.finish()
        }
        for await event in events {
            guard let write = TurnRecorder.write(for: event) else { continue }
            for problem in await recorder.store([write]) { Issue.record("\(problem)") }
        }
        await engine.value
        await server.stop()
        return session.id!
    }

    @Test func theJSONExportCarriesRankingsAndVerdictsAsJSONValues() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("council-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try CouncilStore(path: directory.appendingPathComponent("council.db").path)
        let session = try await Self.recordedTurn(in: store)

        let json = TranscriptExport.render(try await store.transcript(session: session), as: .json)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let turn = try #require((document["turns"] as? [[String: Any]])?.first)
        let record = try #require(turn["turn"] as? [String: Any])
        let ranking = try #require(record["ranking"] as? [String: Any], "the turn's ranking is an object, not a string")
        let entries = try #require((ranking["aggregate"] as? [String: Any])?["entries"] as? [[String: Any]])
        #expect(entries.first?["model"] as? String == "alpha")
        #expect((ranking["votes"] as? [[String: Any]])?.count == 2)
        #expect((ranking["rejections"] as? [String: String])?["bravo"] == "no FINAL RANKING list or JSON ranking found")

        let reviews = try #require(turn["results"] as? [[String: Any]]).filter { $0["stage"] as? String == "review" }
        #expect(reviews.count == 3)
        for review in reviews {
            let verdict = try #require(review["verdict"] as? [String: Any], "\(review["model"] ?? "?") has its verdict as an object")
            if review["model"] as? String == "bravo" {
                #expect(verdict["rejected"] as? String == "no FINAL RANKING list or JSON ranking found")
            } else {
                #expect((verdict["ranking"] as? [String]).map(Set.init) == Set(Self.models.map(\.rawValue)))
            }
        }
    }
}
