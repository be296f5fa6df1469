import CouncilCore
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
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
        var listing: [String] = []
        var warmups = 0
        var connections = 0
        var open = 0
        var answering = 0
    }

    public let port: Int
    public var baseURL: String { "\(secure ? "https" : "http")://127.0.0.1:\(port)/v1" }
    private let log = Mutex(Log())
    private let channel: any Channel
    private let serving: ServingTasks

    /// Starts a server whose replies come from `script`.
    ///
    /// Each connection is served by a task started where it is accepted, not handed through the
    /// listener's stream: a connection accepted while the listener closes would be dropped from that
    /// stream unserved, and NIO traps on an async channel dropped without being closed ("Deinited
    /// NIOAsyncWriter without calling finish()"), which once ended a whole test run.
    /// `connectionSetup` delays the first answer on each new connection, standing in for the round
    /// trips a real network adds to a TLS handshake; with `tls` the server speaks HTTPS (the
    /// warm-first-turn benchmark).
    public static func start(script: @escaping Script, connectionSetup: Duration = .zero,
                             tls: NIOSSLContext? = nil) async throws -> ScriptedServer {
        typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>
        let serving = ServingTasks()
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 1024)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withPipeliningAssistance: false)
                    serving.serve(try Connection(wrappingChannelSynchronously: channel))
                }
            }
        let server = ScriptedServer(port: listener.channel.localAddress?.port ?? 0, channel: listener.channel, serving: serving,
                                    connectionSetup: connectionSetup, secure: tls != nil)
        serving.start { connection in await server.serve(connection, script: script) }
        Task {
            // The listener's stream only says that a connection was taken; it must still be read.
            _ = try? await listener.executeThenClose { accepted in for try await _ in accepted {} }
        }
        return server
    }

    /// Starts a server that answers each model from a fixed table; unknown models get a 404.
    public static func start(replies: [ModelID: ScriptedReply]) async throws -> ScriptedServer {
        try await start { request in
            replies[request.model] ?? .error(status: 404, message: "model \(request.model) not found")
        }
    }

    private let connectionSetup: Duration
    private let secure: Bool

    private init(port: Int, channel: any Channel, serving: ServingTasks, connectionSetup: Duration, secure: Bool = false) {
        self.connectionSetup = connectionSetup
        self.secure = secure
        self.port = port
        self.channel = channel
        self.serving = serving
    }

    /// Closes the listener and cancels the connections still being served.
    public func stop() async {
        try? await channel.close()
        serving.cancelAll()
    }

    public var requests: [ScriptedRequest] { log.withLock { $0.requests } }

    /// Drops the requests recorded so far: a benchmark sending megabytes measures the client's memory, not the log's.
    public func forgetRequests() { log.withLock { $0.requests = [] } }

    /// The ids `GET /v1/models` answers with.
    public var listing: [String] {
        get { log.withLock { $0.listing } }
        set { log.withLock { $0.listing = newValue } }
    }
    public var disconnects: [Disconnect] { log.withLock { $0.disconnects } }
    /// `HEAD /v1/models` requests: connections opened ahead of a turn.
    public var warmups: Int { log.withLock { $0.warmups } }
    /// TCP connections accepted so far.
    public var connections: Int { log.withLock { $0.connections } }
    /// TCP connections open now (a client's idle pool included).
    public var openConnections: Int { log.withLock { $0.open } }
    /// Requests received whose reply is still being written or held (a hang waits for its client to go).
    public var answering: Int { log.withLock { $0.answering } }

    func recordWarmup() { log.withLock { $0.warmups += 1 } }

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

    fileprivate func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, script: Script) async {
        log.withLock { $0.connections += 1; $0.open += 1 }
        defer { log.withLock { $0.open -= 1 } }
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
            var first = true
            for await (head, body) in requests {
                if first, connectionSetup > .zero { try? await Task.sleep(for: connectionSetup) }
                first = false
                log.withLock { $0.answering += 1 }
                let keepGoing = await respond(to: head, body: body, outbound: outbound, watch: watch, script: script)
                log.withLock { $0.answering -= 1 }
                if !keepGoing { return }
            }
        }
    }
}

/// The tasks serving the server's connections: each starts where its connection is accepted and
/// always closes it, also when the server stops first.
private final class ServingTasks: Sendable {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>
    typealias Serve = @Sendable (Connection) async -> Void

    private struct State {
        var serve: Serve?
        var tasks: [UInt64: Task<Void, Never>] = [:]
        var next: UInt64 = 0
        var stopped = false
    }
    private let state = Mutex(State())

    /// Connections arrive only once the port is known, after `start`; one before it is just closed.
    func start(_ serve: @escaping Serve) { state.withLock { $0.serve = serve } }

    func serve(_ connection: Connection) {
        state.withLock { state in
            let id = state.next
            state.next += 1
            let serve = state.stopped ? nil : state.serve
            let task = Task { [weak self] in
                if let serve { await serve(connection) } else { try? await connection.executeThenClose { _, _ in } }
                self?.state.withLock { _ = $0.tasks.removeValue(forKey: id) }
            }
            state.tasks[id] = task
        }
    }

    func cancelAll() {
        let tasks = state.withLock { state in
            state.stopped = true
            return Array(state.tasks.values)
        }
        tasks.forEach { $0.cancel() }
    }
}
