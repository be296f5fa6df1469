import Synchronization
import Testing
import CouncilCore
import CouncilTestSupport

/// Reasoning deltas (`reasoning`, `reasoning_content`) are counted and kept, but never become the
/// answer, the context or what reviewers and the chairman read.
@Suite struct ReasoningStreamTests {
    static func thinkingStream(_ thought: String, field: String = "reasoning_content", answer: String) -> ScriptedReply {
        let event = { (key: String, text: String) in "data: {\"choices\":[{\"delta\":{\"\(key)\":\"\(text)\"}}]}\n\n" }
        return .raw(contentType: "text/event-stream", writes: [
            event(field, thought), event(field, " Still thinking."), event("content", answer),
            "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n",
        ])
    }

    @Test(arguments: ["reasoning", "reasoning_content"])
    func reasoningIsKeptApartFromTheAnswer(field: String) async throws {
        try await withServer(["m": Self.thinkingStream("SECRET-THOUGHT", field: field, answer: "Four.")]) { server in
            let deltas = Mutex<[String]>([]), counts = Mutex<[Int]>([])
            let completion = try await client(server).complete(
                model: "m", messages: [.user("2+2?")], options: .none,
                onDelta: { delta in deltas.withLock { $0.append(delta) } },
                onReasoning: { count in counts.withLock { $0.append(count) } })
            #expect(completion.text == "Four.")
            #expect(completion.reasoning == "SECRET-THOUGHT Still thinking.")
            #expect(deltas.withLock { $0.joined() } == "Four.")
            #expect(counts.withLock { $0 } == [14, 30])
        }
    }

    @Test func reasoningStaysOutOfReviewsAndSynthesis() async throws {
        let script = CouncilScript(answers: ["thinker": Self.thinkingStream("SECRET-THOUGHT", answer: "Paris."),
                                             "plain": .stream("It is Paris.")],
                                   review: { _, view in .stream(view.ranking { $0.count }) })
        let server = try await ScriptedServer.start(script: script.reply(to:))
        let council = Council(router: ModelRouter(models: ["thinker", "plain"], provider: client(server)),
                              breakers: BreakerBoard(), shuffleSeed: 3)
        let events = Mutex<[CouncilEvent]>([])
        let result = await council.run(CouncilRequest(question: "Capital of France?", models: ["thinker", "plain"],
                                                      chairman: "plain", perModelTimeout: .seconds(10), budget: .seconds(30))) { event in
            events.withLock { $0.append(event) }
        }
        await server.stop()
        #expect(result.status == .complete)
        let thinker = try #require(result.generation.first { $0.model == "thinker" }?.outcome.completion)
        #expect(thinker.text == "Paris.")
        #expect(thinker.reasoning == "SECRET-THOUGHT Still thinking.")
        let later = server.requests.filter { CouncilRequestView($0).kind != .generation }
        #expect(later.count == 3)
        #expect(later.allSatisfy { request in !request.messages.contains { $0.content.contains("SECRET-THOUGHT") } })
        let thinking = events.withLock { $0 }.compactMap { event -> Int? in
            if case .modelThinking(.generation, "thinker", let characters) = event { characters } else { nil }
        }
        #expect(thinking == [14, 30])
    }
}
