import Testing
import AsyncHTTPClient
import CouncilCore
import CouncilTestSupport

/// Runs `body` against a scripted server and stops the server afterwards, also on failure.
func withServer<T>(
    _ replies: [ModelID: ScriptedReply],
    _ body: (ScriptedServer) async throws -> T
) async throws -> T {
    try await withServer(script: { replies[$0.model] ?? .error(status: 404, message: "model \($0.model) not found") }, body)
}

func withServer<T>(
    script: @escaping ScriptedServer.Script,
    _ body: (ScriptedServer) async throws -> T
) async throws -> T {
    let server = try await ScriptedServer.start(script: script)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

func client(_ server: ScriptedServer, key: String? = "sk-test-0123456789abcdef") -> OpenAICompatibleClient {
    OpenAICompatibleClient(endpoint: ProviderEndpoint(name: "scripted", baseURL: server.baseURL, apiKey: key))
}

/// Expects `body` to throw a `ChatError` and returns it.
func chatError(_ body: () async throws -> ChatCompletion) async -> ChatError? {
    do {
        let completion = try await body()
        Issue.record("expected an error, got \(completion.text)")
        return nil
    } catch let error as ChatError {
        return error
    } catch {
        Issue.record("expected a ChatError, got \(error)")
        return nil
    }
}

/// The task's value, cancelling the task if it has not ended within `timeout`: a broken timer fails
/// the test (the work reports itself cancelled) instead of hanging the suite.
func finished<T: Sendable>(_ task: Task<T, Never>, within timeout: Duration = .seconds(20)) async -> T {
    let watchdog = Task {
        try await Task.sleep(for: timeout)
        task.cancel()
    }
    defer { watchdog.cancel() }
    return await task.value
}
