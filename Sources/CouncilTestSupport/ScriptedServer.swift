import CouncilCore
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real OpenAI-compatible HTTP server on 127.0.0.1 whose answers follow a script: delays, errors,
/// hangs, cut streams and malformed bodies. Tests and benchmarks talk to it over loopback.
public final class ScriptedServer: Sendable {
    public typealias Script = @Sendable (ScriptedRequest) -> ScriptedReply

    /// When the server saw a client go away before its reply was complete.
    public struct Disconnect: Sendable {
        public var model: ModelID
        public var at: ContinuousClock.Instant
    }

    private struct Log {
        var requests: [ScriptedRequest] = []
        var disconnects: [Disconnect] = []
    }

    public let port: Int
    public var baseURL: String { "http://127.0.0.1:\(port)/v1" }
    private let log = Mutex(Log())
    private let serverTask: Mutex<Task<Void, Never>?> = Mutex(nil)
    private let channel: any Channel

    /// Starts a server whose replies come from `script`.
    public static func start(script: @escaping Script) async throws -> ScriptedServer {
        typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 1024)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withPipeliningAssistance: false)
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
        let server = ScriptedServer(port: listener.channel.localAddress?.port ?? 0, channel: listener.channel)
        let task = Task {
            _ = try? await listener.executeThenClose { connections in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await connection in connections {
                            group.addTask { await server.serve(connection, script: script) }
                        }
                    } catch {}
                    group.cancelAll()
                }
            }
        }
        server.serverTask.withLock { $0 = task }
        return server
    }

    /// Starts a server that answers each model from a fixed table; unknown models get a 404.
    public static func start(replies: [ModelID: ScriptedReply]) async throws -> ScriptedServer {
        try await start { request in
            replies[request.model] ?? .error(status: 404, message: "model \(request.model) not found")
        }
    }

    private init(port: Int, channel: any Channel) {
        self.port = port
        self.channel = channel
    }

    public func stop() async {
        try? await channel.close()
        serverTask.withLock { $0 }?.cancel()
    }

    public var requests: [ScriptedRequest] { log.withLock { $0.requests } }
    public var disconnects: [Disconnect] { log.withLock { $0.disconnects } }

    /// Waits until the client of `model`'s request goes away before its reply was complete; `nil`
    /// when that does not happen within `timeout`, so a broken cancellation fails a test instead of
    /// hanging it.
    public func disconnect(of model: ModelID, within timeout: Duration = .seconds(10)) async -> Disconnect? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let found = disconnects.first(where: { $0.model == model }) { return found }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return nil
    }

    func recordRequest(_ request: ScriptedRequest) {
        log.withLock { $0.requests.append(request) }
    }

    func recordDisconnect(of model: ModelID) {
        log.withLock { $0.disconnects.append(Disconnect(model: model, at: ContinuousClock.now)) }
    }

    // MARK: - One connection

    private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, script: Script) async {
        try? await connection.executeThenClose { inbound, outbound in
            let watch = ConnectionWatch()
            let requests = AsyncStream<(HTTPRequestHead, ByteBuffer)> { continuation in
                Task {
                    var head: HTTPRequestHead?
                    var body = ByteBuffer()
                    do {
                        for try await part in inbound {
                            switch part {
                            case .head(let h): head = h; body.clear()
                            case .body(var chunk): body.writeBuffer(&chunk)
                            case .end: if let head { continuation.yield((head, body)) }
                            }
                        }
                    } catch {}
                    watch.close()
                    continuation.finish()
                }
            }
            for await (head, body) in requests {
                let keepGoing = await respond(to: head, body: body, outbound: outbound, watch: watch, script: script)
                if !keepGoing { return }
            }
        }
    }
}
