import Testing
import CouncilCore
import CouncilTestSupport

/// What LiteLLM-style gateways do differently: string error codes in a stream, masked keys in errors.
@Suite struct GatewayQuirksTests {
    let question: [ChatMessage] = [.user("What is 2+2?")]

    @Test(arguments: [("\"429\"", ChatError.rateLimited(retryAfterSeconds: nil, message: "slow down")),
                      ("\"503\"", ChatError.serverError(status: 503, message: "slow down")),
                      ("\" 401 \"", ChatError.unauthorized(status: 401, message: "slow down")),
                      ("\"overloaded\"", ChatError.serverError(status: 502, message: "slow down"))])
    func aNumericStringCodeInsideTheStreamIsANumber(code: String, expected: ChatError) async throws {
        let writes = ["data: {\"error\":{\"message\":\"slow down\",\"code\":\(code)}}\n\n"]
        try await withServer(["m": .raw(contentType: "text/event-stream", writes: writes)]) { server in
            let error = await chatError { try await client(server).complete(model: "m", messages: question) }
            #expect(error == expected)
        }
    }

    @Test func aMaskedKeyInAGateways401IsRedacted() async throws {
        let message = "Authentication Error, Invalid proxy server token passed. Received API Key = sk-w****efgh, wron****efgh"
        try await withServer(["m": .error(status: 401, message: message)]) { server in
            let error = await chatError { try await client(server).complete(model: "m", messages: question) }
            guard case .unauthorized(401, let text)? = error else { Issue.record("not a 401: \(String(describing: error))"); return }
            #expect(text.hasSuffix("Received API Key = [redacted], [redacted])"), "\(text)")
            #expect(!text.contains("efgh") && !text.contains("wron"))
        }
    }
}
