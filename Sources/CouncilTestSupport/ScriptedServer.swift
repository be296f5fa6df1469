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

    private func recordDisconnect(of model: ModelID) {
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

    /// Returns false when the connection must be closed.
    private func respond(
        to head: HTTPRequestHead, body: ByteBuffer,
        outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>,
        watch: ConnectionWatch, script: Script
    ) async -> Bool {
        struct Body: Decodable {
            var model: String
            var messages: [ChatMessage]?
            var stream: Bool?
        }
        guard head.uri.hasSuffix("/chat/completions"), head.method == .POST,
              let decoded = try? JSONDecoder().decode(Body.self, from: Data(body.readableBytesView)) else {
            try? await write(status: .notFound, contentType: "application/json",
                             body: #"{"error":{"message":"not a chat-completions request"}}"#, to: outbound)
            return true
        }
        var headers: [String: String] = [:]
        for (name, value) in head.headers { headers[name.lowercased()] = value }
        let request = ScriptedRequest(model: ModelID(decoded.model), messages: decoded.messages ?? [],
                                      stream: decoded.stream ?? false, headers: headers)
        log.withLock { $0.requests.append(request) }
        let model = request.model

        do {
            switch script(request) {
            case .stream(let text, let delay, let pieces, let usage, let sendDone):
                guard await watch.sleep(delay) else { throw Dropped() }
                // One write for the whole stream: the pieces still arrive as separate events.
                var events = Self.split(text, into: pieces).map(Self.deltaEvent).joined() + Self.finishEvent(usage: usage)
                if sendDone { events += "data: [DONE]\n\n" }
                try await outbound.write(contentsOf: [.head(Self.head(.ok, contentType: "text/event-stream")),
                                                      .body(.byteBuffer(ByteBuffer(string: events))), .end(nil)])
            case .json(let text, let delay, let usage):
                guard await watch.sleep(delay) else { throw Dropped() }
                try await write(status: .ok, contentType: "application/json", body: Self.wholeBody(text, usage: usage), to: outbound)
            case .error(let status, let message, let retryAfter, let delay):
                guard await watch.sleep(delay) else { throw Dropped() }
                let escaped = String(decoding: try JSONEncoder().encode(message), as: UTF8.self)
                try await write(status: HTTPResponseStatus(statusCode: status), contentType: "application/json",
                                body: #"{"error":{"message":\#(escaped),"code":\#(status)}}"#,
                                extraHeaders: retryAfter.map { [("retry-after", String($0))] } ?? [], to: outbound)
            case .hang(let afterText):
                try await outbound.write(.head(Self.head(.ok, contentType: "text/event-stream")))
                if let afterText {
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(string: Self.deltaEvent(afterText)))))
                }
                await watch.waitUntilClosed()
                throw Dropped()
            case .cut(let afterText):
                try await outbound.write(.head(Self.head(.ok, contentType: "text/event-stream")))
                try await outbound.write(.body(.byteBuffer(ByteBuffer(string: Self.deltaEvent(afterText)))))
                try await Task.sleep(for: .milliseconds(20))
                return false
            case .raw(let status, let contentType, let writes, let delay):
                guard await watch.sleep(delay) else { throw Dropped() }
                try await outbound.write(.head(Self.head(HTTPResponseStatus(statusCode: status), contentType: contentType)))
                for piece in writes {
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(string: piece))))
                    try await Task.sleep(for: .milliseconds(2))
                }
                try await outbound.write(.end(nil))
            }
            return true
        } catch {
            recordDisconnect(of: model)
            return false
        }
    }

    private struct Dropped: Error {}

    private func write(status: HTTPResponseStatus, contentType: String, body: String,
                       extraHeaders: [(String, String)] = [],
                       to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>) async throws {
        var head = Self.head(status, contentType: contentType)
        head.headers.add(name: "content-length", value: String(body.utf8.count))
        for (name, value) in extraHeaders { head.headers.add(name: name, value: value) }
        try await outbound.write(contentsOf: [.head(head), .body(.byteBuffer(ByteBuffer(string: body))), .end(nil)])
    }

    private static func head(_ status: HTTPResponseStatus, contentType: String) -> HTTPResponseHead {
        HTTPResponseHead(version: .http1_1, status: status, headers: ["content-type": contentType])
    }

    static func split(_ text: String, into pieces: Int) -> [String] {
        guard pieces > 1, text.count > 1 else { return [text] }
        let size = max(1, (text.count + pieces - 1) / pieces)
        var parts: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            parts.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        return parts
    }

    private static func json(_ value: some Encodable) -> String {
        String(decoding: (try? JSONEncoder().encode(value)) ?? Data(), as: UTF8.self)
    }

    static func deltaEvent(_ text: String) -> String {
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\(json(text))},\"finish_reason\":null}]}\n\n"
    }

    static func usageJSON(_ usage: Usage?) -> String {
        guard let usage else { return "null" }
        let cost = usage.cost.map { ",\"cost\":\($0)" } ?? ""
        return "{\"prompt_tokens\":\(usage.promptTokens),\"completion_tokens\":\(usage.completionTokens)\(cost)}"
    }

    static func finishEvent(usage: Usage?) -> String {
        "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":\(usageJSON(usage))}\n\n"
    }

    static func wholeBody(_ text: String, usage: Usage?) -> String {
        "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\(json(text))},\"finish_reason\":\"stop\"}],\"usage\":\(usageJSON(usage))}"
    }
}

/// Knows when the client closed its side, and lets a reply wait for that or sleep until it happens.
final class ConnectionWatch: Sendable {
    private struct State {
        var closed = false
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextID: UInt64 = 0
        var sleeper: Task<Void, any Error>?
    }
    private let state = Mutex(State())

    func close() {
        let (waiters, sleeper) = state.withLock { state in
            state.closed = true
            defer { state.waiters.removeAll() }
            return (Array(state.waiters.values), state.sleeper)
        }
        sleeper?.cancel()
        for waiter in waiters { waiter.resume() }
    }

    func waitUntilClosed() async {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.closed || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// Sleeps for `duration`; returns false when the client went away first (closing cancels the sleep).
    func sleep(_ duration: Duration) async -> Bool {
        guard duration > .zero else { return !state.withLock { $0.closed } }
        let sleeper = Task { try await Task.sleep(for: duration) }
        let open = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.sleeper = sleeper
            return true
        }
        guard open else {
            sleeper.cancel()
            return false
        }
        let slept = await withTaskCancellationHandler {
            (try? await sleeper.value) != nil
        } onCancel: {
            sleeper.cancel()
        }
        return state.withLock { state in
            state.sleeper = nil
            return slept && !state.closed
        }
    }
}
