import AsyncHTTPClient
import CouncilCore
import NIOSSL
import CouncilTestSupport
import Foundation

/// (i) the first turn's first request, on a cold client and after the prompt's warm-up, over HTTPS to
/// an in-process TLS server (a real handshake) that also delays each new connection by `setup`,
/// standing in for the round trips a real network adds to the handshake.
struct WarmupScenarios {
    /// The council's client, told to accept the server's self-signed certificate.
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        configuration.tlsConfiguration = tls
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    let repetitions: Int
    var setup: Duration = .milliseconds(100)

    func run() async throws -> [Row] {
        var cold: [Double] = [], warm: [Double] = []
        for repetition in 0..<(repetitions + 3) {
            for warmed in [false, true] {
                // A new server per measurement: a new port, so the pool holds no connection to it.
                let server = try await ScriptedServer.start(script: { _ in .stream("Four.", pieces: 1) }, connectionSetup: setup,
                                                            tls: try LoopbackTLS.serverContext())
                let endpoint = ProviderEndpoint(name: "bench", baseURL: server.baseURL)
                if warmed { await ConnectionWarmup.warm(endpoint, http: Self.client) }
                let start = ContinuousClock.now
                _ = try await OpenAICompatibleClient(endpoint: endpoint, http: Self.client).complete(model: "m", messages: [.user("2+2?")])
                let elapsed = (ContinuousClock.now - start).milliseconds
                await server.stop()
                if repetition >= 3 { if warmed { warm.append(elapsed) } else { cold.append(elapsed) } }
            }
        }
        let note = "TLS on loopback, plus \(Int(setup.milliseconds)) ms per new connection for the network"
        return [Row(scenario: "i", metric: "first request, cold connection", summary: Summary(cold), unit: "ms", note: note),
                Row(scenario: "i", metric: "first request after the prompt's warm-up", summary: Summary(warm), unit: "ms", note: note)]
    }
}
