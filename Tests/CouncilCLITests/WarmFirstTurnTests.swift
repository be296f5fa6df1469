import AsyncHTTPClient
import CouncilCore
import CouncilTestSupport
import Foundation
import Testing
@testable import CouncilCLI

/// The first turn runs on a connection opened while the user was typing.
@Suite(.serialized) struct WarmFirstTurnTests {
    @Test func theFirstRequestReusesTheWarmConnection() async throws {
        let server = try await ScriptedServer.start { _ in .stream("Four.") }
        let endpoint = ProviderEndpoint(name: "local", baseURL: server.baseURL)
        await ConnectionWarmup.warm(endpoint)
        #expect(server.warmups == 1)
        #expect(server.connections == 1)
        _ = try await OpenAICompatibleClient(endpoint: endpoint).complete(model: "m", messages: [.user("2+2?")])
        #expect(server.connections == 1, "the question went over the connection the warm-up opened")
        await server.stop()
    }

    @Test func onlyCallableProvidersOfTheCouncilAreWarmed() throws {
        let config = HandlerFixture.config
        let warmer = ConnectionWarmer(config: config, isDemo: false)
        #expect(warmer.endpoints(for: ["alpha", "bravo", "cloud/offline"]).map(\.name) == ["local"])
        #expect(ConnectionWarmer(config: config, isDemo: true).endpoints(for: ["alpha"]).isEmpty)
    }

    @Test func theReplWarmsBeforeTheFirstQuestion() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: CouncilBinary.path), "build the binary first: swift build")
        let server = try await ScriptedServer.start(script: ReplEndToEndTests.script.reply(to:))
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let terminal = try PseudoTerminal(command: [CouncilBinary.path], environment: environment)
        defer { terminal.terminate() }
        _ = try #require(await terminal.waitFor("]> "), "no prompt:\n\(terminal.transcript)")
        let deadline = ContinuousClock.now + .seconds(10)
        while server.warmups == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(server.warmups >= 1, "no connection was opened while the prompt waited")
        #expect(server.requests.isEmpty, "warming asks no model anything")
        await server.stop()
    }
}
