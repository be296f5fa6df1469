import Foundation
import Synchronization
import Testing
import CouncilCore
import CouncilTestSupport

/// What a request body carries: the call's options, the provider's fields, `extra_body`, per model and stage.
@Suite struct RequestOptionsWireTests {
    let question: [ChatMessage] = [.user("What is 2+2?")]

    @Test func optionsAndExtraBodyReachTheServer() async throws {
        let options = RequestOptions(temperature: 0.25, topP: 0.5, maxTokens: 300, reasoningEffort: "high",
                                     extraBody: ["seed": .integer(42), "provider": .object(["order": .array([.string("a")])]),
                                                 "model": .string("hijacked"), "stream": .bool(false)])
        try await withServer(["m": .stream("Four.")]) { server in
            _ = try await client(server).complete(model: "m", messages: question, options: options) { _ in }
            let body = try #require(server.requests.first).json
            #expect(body["temperature"] as? Double == 0.25)
            #expect(body["top_p"] as? Double == 0.5)
            #expect(body["max_tokens"] as? Int == 300)
            #expect(body["reasoning_effort"] as? String == "high")
            #expect(body["seed"] as? Int == 42)
            #expect((body["provider"] as? [String: Any])?["order"] as? [String] == ["a"])
            // extra_body cannot replace what council itself sends.
            #expect(body["model"] as? String == "m")
            #expect(body["stream"] as? Bool == true)
            #expect((body["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true)
        }
    }

    @Test func withoutOptionsTheBodyIsTheBareFour() async throws {
        try await withServer(["m": .stream("Four.")]) { server in
            _ = try await client(server).complete(model: "m", messages: question)
            let body = try #require(server.requests.first).json
            #expect(Set(body.keys) == ["model", "messages", "stream", "stream_options"])
        }
    }

    @Test func eachCallSendsItsOwnMessagesThoughBodiesReuseTheLastEncoding() async throws {
        try await withServer(["m": .stream("Four."), "n": .stream("Five.")]) { server in
            let client = client(server)
            let conversations: [[ChatMessage]] = [question, [.user("What is 2+3?")], [.system("Terse."), .user("What is 2+3?")],
                                                  [.system("Terse."), .user("What is 2+4?")], question]
            for (index, messages) in conversations.enumerated() {
                _ = try await client.complete(model: index.isMultiple(of: 2) ? "m" : "n", messages: messages)
            }
            #expect(server.requests.map(\.messages) == conversations)
            #expect(server.requests.map(\.model) == ["m", "n", "m", "n", "m"])
        }
    }

    @Test func providerFieldsGoUnderTheCallsOwn() async throws {
        try await withServer(["m": .stream("Four.")]) { server in
            let endpoint = ProviderEndpoint(name: "gw", baseURL: server.baseURL,
                                            bodyFields: ["usage": .object(["include": .bool(true)]), "seed": .integer(1)])
            let options = RequestOptions(extraBody: ["seed": .integer(2)])
            _ = try await OpenAICompatibleClient(endpoint: endpoint).complete(model: "m", messages: question, options: options) { _ in }
            let body = try #require(server.requests.first).json
            #expect((body["usage"] as? [String: Any])?["include"] as? Bool == true)
            #expect(body["seed"] as? Int == 2)
        }
    }

    @Test func mergingIsKeyByKeyAndExtraBodyDeep() {
        let top = RequestOptions(temperature: 0.7, maxTokens: 100, extraBody: ["provider": .object(["order": .array([]), "sort": .string("price")])])
        let model = RequestOptions(temperature: 0.1, extraBody: ["provider": .object(["order": .array([.string("x")])])])
        let merged = top.overridden(by: model)
        #expect(merged.temperature == 0.1)
        #expect(merged.maxTokens == 100)
        #expect(merged.extraBody["provider"] == .object(["order": .array([.string("x")]), "sort": .string("price")]))
    }

    @Test func eachModelAndStageIsCalledWithItsOwnSettings() async throws {
        let texts: [ModelID: String] = ["alpha": "Paris.", "bravo": "It is Paris."]
        let script = CouncilScript.preferring(["It is Paris.", "Paris."], answers: texts.mapValues { .stream($0) })
        let server = try await ScriptedServer.start(script: script.reply(to:))
        let council = Council(router: ModelRouter(models: ["alpha", "bravo"], provider: client(server)),
                              breakers: BreakerBoard(), shuffleSeed: 7)
        var request = CouncilRequest(question: "Capital of France?", systemPrompt: "Shared prompt.", models: ["alpha", "bravo"],
                                     chairman: "alpha", perModelTimeout: .seconds(10), budget: .seconds(30))
        request.calls = [
            .generation: ["alpha": CallSettings(systemPrompt: "Alpha's own.", options: RequestOptions(temperature: 0.9))],
            .review: ["bravo": CallSettings(systemPrompt: "Judge correctness.", options: RequestOptions(temperature: 0))],
            .synthesis: ["alpha": CallSettings(systemPrompt: "Chair prompt.", options: RequestOptions(maxTokens: 50))],
        ]
        let result = await council.run(request)
        await server.stop()
        #expect(result.status == .complete)

        func call(_ model: ModelID, _ kind: CouncilRequestView.Kind) throws -> ScriptedRequest {
            try #require(server.requests.first { $0.model == model && CouncilRequestView($0).kind == kind })
        }
        let alpha = try call("alpha", .generation), bravo = try call("bravo", .generation)
        #expect(alpha.messages.first == .system("Alpha's own."))
        #expect(alpha.json["temperature"] as? Double == 0.9)
        #expect(bravo.messages.first == .system("Shared prompt."), "a model without an entry gets the shared prompt")
        #expect(bravo.json["temperature"] == nil)

        let bravoReview = try call("bravo", .review), alphaReview = try call("alpha", .review)
        #expect(bravoReview.messages.first?.content.hasPrefix(PeerReview.systemPrompt) == true)
        #expect(bravoReview.messages.first?.content.hasSuffix("\n\nJudge correctness.") == true)
        #expect(bravoReview.json["temperature"] as? Double == 0)
        #expect(alphaReview.messages.first?.content == PeerReview.systemPrompt, "no user prompt in a review by default")

        let synthesis = try call("alpha", .synthesis)
        #expect(synthesis.messages.first?.content == Synthesis.systemPrompt + "\n\nChair prompt.")
        #expect(synthesis.json["max_tokens"] as? Int == 50)
    }
}
