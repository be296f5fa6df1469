import AsyncHTTPClient
import Foundation
import Synchronization
import Testing
import CouncilCore
import CouncilTestSupport

@Suite(.timeLimit(.minutes(2))) struct OpenAICompatibleClientTests {
    let question: [ChatMessage] = [.user("What is 2+2?")]

    @Test func streamsDeltasAndCapturesUsageAndCost() async throws {
        let usage = Usage(promptTokens: 21, completionTokens: 7, cost: 0.00042)
        try await withServer(["m": .stream("The answer is four.", pieces: 4, usage: usage)]) { server in
            let deltas = Mutex<[String]>([])
            let completion = try await client(server).complete(model: "m", messages: question) { delta in
                deltas.withLock { $0.append(delta) }
            }
            #expect(completion.text == "The answer is four.")
            #expect(completion.usage == usage)
            #expect(deltas.withLock { $0.count } == 4)
            #expect(deltas.withLock { $0.joined() } == completion.text)
            let request = try #require(server.requests.first)
            #expect(request.stream)
            #expect(request.messages == question)
            #expect(request.headers["authorization"] == "Bearer sk-test-0123456789abcdef")
        }
    }

    @Test func acceptsANonStreamedJSONAnswer() async throws {
        try await withServer(["m": .json("Four.", usage: Usage(promptTokens: 3, completionTokens: 1))]) { server in
            let completion = try await client(server).complete(model: "m", messages: question)
            #expect(completion == ChatCompletion(text: "Four.", usage: Usage(promptTokens: 3, completionTokens: 1)))
        }
    }

    @Test func streamWithoutDoneIsAccepted() async throws {
        try await withServer(["m": .stream("no done marker", sendDone: false)]) { server in
            let completion = try await client(server).complete(model: "m", messages: question)
            #expect(completion.text == "no done marker")
        }
    }

    @Test func streamEndingWithNeitherFinishReasonNorDoneIsCut() async throws {
        let writes = ["data: {\"choices\":[{\"delta\":{\"content\":\"The first half\"}}]}\n\n"]
        try await withServer(["m": .raw(contentType: "text/event-stream", writes: writes)]) { server in
            let error = await chatError { try await client(server).complete(model: "m", messages: question) }
            guard case .streamCut(let received, _)? = error else {
                Issue.record("expected streamCut, got \(String(describing: error))")
                return
            }
            #expect(received == "The first half".count)
        }
    }

    @Test func eventsSplitAcrossWritesWithCRLFAndComments() async throws {
        let writes = [": keep-alive\r\n\r\n", "data: {\"choices\":[{\"delta\":{\"con", "tent\":\"Hel\"}}]}\r", "\n\r\n",
                      ": ping\r\n\r\ndata: {\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}\r\n", "\r\ndata: [DO", "NE]\r\n\r\n"]
        try await withServer(["m": .raw(contentType: "text/event-stream", writes: writes)]) { server in
            let completion = try await client(server).complete(model: "m", messages: question)
            #expect(completion.text == "Hello")
        }
    }

    @Test(arguments: [(401, "unauthorized"), (403, "unauthorized"), (404, "unknownModel"), (500, "serverError"),
                      (503, "serverError"), (400, "httpError")])
    func statusCodesBecomeTypedErrorsWithTheServersMessage(status: Int, kind: String) async throws {
        try await withServer(["m": .error(status: status, message: "the server says \(status)")]) { server in
            let error = try #require(await chatError { try await client(server).complete(model: "m", messages: question) })
            #expect(error.summary.contains("the server says \(status)"))
            switch (error, kind) {
            case (.unauthorized(let s, _), "unauthorized"): #expect(s == status)
            case (.unknownModel, "unknownModel"): break
            case (.serverError(let s, _), "serverError"): #expect(s == status)
            case (.httpError(let s, _), "httpError"): #expect(s == status)
            default: Issue.record("\(status) became \(error)")
            }
        }
    }

    @Test func rateLimitCarriesRetryAfter() async throws {
        try await withServer(["m": .error(status: 429, message: "slow down", retryAfter: 17)]) { server in
            let error = await chatError { try await client(server).complete(model: "m", messages: question) }
            #expect(error == .rateLimited(retryAfterSeconds: 17, message: "slow down"))
        }
    }

    @Test func bodyThatIsNotChatJSONIsMalformed() async throws {
        let replies: [ModelID: ScriptedReply] = [
            "html": .raw(contentType: "application/json", writes: ["<html>502 Bad Gateway</html>"]),
            "event": .raw(contentType: "text/event-stream", writes: ["data: {not json\n\n"]),
            "empty": .raw(contentType: "text/event-stream", writes: [": nothing here\n\n"]),
            "nochoices": .raw(contentType: "application/json", writes: ["{\"id\":\"x\"}"]),
        ]
        try await withServer(replies) { server in
            for model in replies.keys {
                let error = await chatError { try await client(server).complete(model: model, messages: question) }
                guard case .malformedResponse? = error else {
                    Issue.record("\(model): \(String(describing: error))")
                    continue
                }
            }
        }
    }

    @Test func errorInsideTheStreamIsReported() async throws {
        let writes = ["data: {\"error\":{\"message\":\"provider overloaded\",\"code\":502}}\n\n"]
        try await withServer(["m": .raw(contentType: "text/event-stream", writes: writes)]) { server in
            let error = await chatError { try await client(server).complete(model: "m", messages: question) }
            #expect(error == .serverError(status: 502, message: "provider overloaded"))
        }
    }

    @Test func streamCutMidAnswer() async throws {
        try await withServer(["m": .cut(afterText: "The beginning of")]) { server in
            let error = await chatError { try await client(server).complete(model: "m", messages: question) }
            guard case .streamCut(let received, _)? = error else {
                Issue.record("expected streamCut, got \(String(describing: error))")
                return
            }
            #expect(received == "The beginning of".count)
        }
    }

    @Test func connectionRefused() async throws {
        let server = try await ScriptedServer.start(replies: [:])
        let url = server.baseURL
        await server.stop()
        try await Task.sleep(for: .milliseconds(50))
        let http = HTTPClient.makeCouncilClient(connectTimeout: .milliseconds(300))
        let closed = OpenAICompatibleClient(endpoint: ProviderEndpoint(name: "gone", baseURL: url, apiKey: "sk-gone-0123456789"), http: http)
        let error = await chatError { try await closed.complete(model: "m", messages: question) }
        try await http.shutdown()
        guard case .connectionFailed? = error else {
            Issue.record("expected connectionFailed, got \(String(describing: error))")
            return
        }
    }

    @Test func aKeyEchoedInsideAnAnswerIsRemovedButExampleKeysStay() async throws {
        let key = "sk-or-v1-ECHOECHO-fake-0123456789"
        try await withServer(["m": .stream("Your header was Bearer \(key); an example key looks like sk-abc123def456.", pieces: 5)]) { server in
            let deltas = Mutex<String>("")
            let completion = try await client(server, key: key).complete(model: "m", messages: question) { delta in
                deltas.withLock { $0 += delta }
            }
            #expect(!completion.text.contains("ECHOECHO"))
            #expect(completion.text.contains("sk-abc123def456"), "a model's example key is not ours to hide")
            #expect(!deltas.withLock { $0 }.contains(key))
        }
    }

    @Test func theKeyNeverAppearsInAnyError() async throws {
        let key = "sk-or-v1-SECRETSECRET-fake-0123456789"
        let echo = "Incorrect API key provided: \(key). Also Bearer \(key) and sk-or-v1-SECR***6789"
        let replies: [ModelID: ScriptedReply] = [
            "401": .error(status: 401, message: echo),
            "500": .error(status: 500, message: echo),
            "stream": .raw(contentType: "text/event-stream", writes: ["data: {\"error\":{\"message\":\"\(echo)\"}}\n\n"]),
            "garbage": .raw(contentType: "application/json", writes: [echo]),
        ]
        try await withServer(replies) { server in
            for model in replies.keys {
                let error = try #require(await chatError { try await client(server, key: key).complete(model: model, messages: question) })
                for text in [error.summary, String(describing: error), "\(error)"] {
                    #expect(!text.contains(key), "\(model): \(text)")
                    #expect(!text.contains("SECRETSECRET"), "\(model): \(text)")
                    #expect(!text.contains("SECR***"), "\(model): \(text)")
                }
            }
        }
    }
}
