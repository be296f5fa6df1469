import AsyncHTTPClient
import Foundation
import Synchronization
import Testing
import CouncilCore
import CouncilTestSupport

/// Every byte a provider sends is bounded, and a connection that cannot succeed fails at once.
@Suite struct ResponseLimitTests {
    let question: [ChatMessage] = [.user("Tell me everything.")]

    private func client(_ server: ScriptedServer, answerBytes: Int) -> OpenAICompatibleClient {
        OpenAICompatibleClient(endpoint: ProviderEndpoint(name: "scripted", baseURL: server.baseURL),
                               limits: ResponseLimits(answerBytes: answerBytes))
    }

    @Test func anAnswerPastTheCapIsCutThereKeptMarkedTruncatedAndItsRequestCancelled() async throws {
        // Endless: the server stops only when the client goes away.
        try await withServer(["m": .flood(bytes: .max, chunkBytes: 4096)]) { server in
            let streamed = Mutex(0)
            let completion = try await client(server, answerBytes: 100_000).complete(model: "m", messages: question) { delta in
                streamed.withLock { $0 += delta.utf8.count }
            }
            #expect(completion.truncated)
            #expect(completion.text.utf8.count == 100_000)
            #expect(streamed.withLock { $0 } == 100_000, "nothing past the cap reaches the screen either")
            #expect(await server.disconnect(of: "m", within: .seconds(30)) != nil, "the request is cancelled, not read to its end")
        }
    }

    @Test func anAnswerWithinTheCapIsWhole() async throws {
        try await withServer(["m": .flood(bytes: 8192, chunkBytes: 4096)]) { server in
            let completion = try await client(server, answerBytes: 100_000).complete(model: "m", messages: question)
            #expect(!completion.truncated)
            #expect(completion.text.utf8.count == 8192)
        }
    }

    @Test func anEventLineLongerThanAnyAnswerIsABrokenStream() async throws {
        let line = "data: {\"choices\":[{\"delta\":{\"content\":\"" + String(repeating: "y", count: 200_000) + "\"}}]}\n\n"
        try await withServer(["m": .raw(contentType: "text/event-stream", writes: [line, "data: [DONE]\n\n"])]) { server in
            let error = await chatError { try await client(server, answerBytes: 1000).complete(model: "m", messages: question) }
            guard case .malformedResponse(let detail)? = error else {
                Issue.record("expected malformedResponse, got \(String(describing: error))")
                return
            }
            #expect(detail.contains("event line longer than"))
        }
    }

    @Test func onlyTheBeginningOfAnErrorBodyIsRead() async throws {
        let body = "{\"error\":{\"message\":\"overloaded\"}}" + String(repeating: " ", count: 2 << 20)
        try await withServer(["m": .raw(status: 503, contentType: "application/json", writes: [body])]) { server in
            let error = await chatError { try await client(server, answerBytes: 1000).complete(model: "m", messages: question) }
            guard case .serverError(503, let message)? = error else {
                Issue.record("expected a 503, got \(String(describing: error))")
                return
            }
            #expect(message.contains("overloaded"))
        }
    }

    /// With a connect timeout of an hour, a refused connection that were retried until the timeout
    /// would not come back before the test's deadline; one reported at once does. (How long it takes
    /// is a benchmark figure, not a test.)
    @Test func aRefusedConnectionIsReportedAtOnceNotRetriedUntilTheConnectTimeout() async throws {
        let port = try await Self.closedPort()
        let http = HTTPClient.makeCouncilClient(connectTimeout: .hours(1))
        let client = OpenAICompatibleClient(endpoint: ProviderEndpoint(name: "ollama", baseURL: "http://127.0.0.1:\(port)/v1"), http: http)
        let outcome = await withTaskGroup(of: String?.self) { group in
            group.addTask {
                do {
                    _ = try await client.complete(model: "llama3", messages: [.user("hi")])
                    return "an answer"
                } catch {
                    return String(describing: error)
                }
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(30))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        try await http.shutdown()
        let report = try #require(outcome, "still retrying a refused connection after 30 s")
        #expect(report.contains("connection refused"), "\(report)")
    }

    /// A port nothing listens on any more: a scripted server's, once it stopped.
    static func closedPort() async throws -> Int {
        let server = try await ScriptedServer.start(replies: [:])
        await server.stop()
        return server.port
    }
}
