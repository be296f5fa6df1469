import CouncilCLI
import CouncilCore
import CouncilStore
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// `council serve`: the council behind an OpenAI-compatible endpoint. `POST /v1/chat/completions`
/// with `model` `council` (the configured tier) or `council/TIER`, streamed or whole; `GET /v1/models`.
/// Every turn shares the one runtime (breakers, latency figures, connections) and is stored in the
/// day's session `serve-DATE`.
public struct CouncilServer: Sendable {
    let runtime: CouncilRuntime
    /// `COUNCIL_SERVE_TOKEN`: every request must carry it as `Authorization: Bearer …`.
    let token: String?
    let slots: TurnSlots
    let limits: ServeLimits
    let stop = ServeStop()
    let log: ServeLog

    /// Bytes a request body may hold.
    static let bodyLimit = 4 << 20

    /// `report`: a line per request answered (`ServeLog`).
    public init(runtime: CouncilRuntime, token: String?, report: @escaping @Sendable (String) -> Void = { _ in }) {
        self.runtime = runtime
        log = ServeLog(write: report)
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        limits = runtime.config.serve
        slots = TurnSlots(limit: limits.maxConcurrentTurns)
    }

    /// Why it must not start: a non-loopback address without a token would serve anyone who can reach it.
    public static func refusal(host: String, token: String?) -> String? {
        let loopback = host == "localhost" || host == "::1" || host.hasPrefix("127.")
        guard !loopback, (token ?? "").isEmpty else { return nil }
        return "council serve listens on \(host) only with COUNCIL_SERVE_TOKEN set (a non-loopback address without a token serves anyone)"
    }

    /// Serves until SIGINT or SIGTERM; `listening` gets the address once the socket is bound.
    public func run(host: String, port: Int, listening: @escaping @Sendable (String) -> Void) async throws {
        let router = Router()
        router.get("/v1/models") { request, _ -> Response in
            if let refused = authorize(request) { return refusal(refused) }
            return models()
        }
        // `council` or `council/TIER`, as OpenAI's `models.retrieve` asks.
        router.get("/v1/models/**") { request, context -> Response in
            if let refused = authorize(request) { return refusal(refused) }
            // OpenAI's SDK sends `council%2Fquick`.
            let path = context.parameters.getCatchAll().joined(separator: "/"), id = path.removingPercentEncoding ?? path
            guard Self.modelIDs.contains(id) else {
                return refusal(ServeError(status: .notFound, message: "no model '\(id)' — \(Self.modelIDs.joined(separator: ", "))",
                                          type: "invalid_request_error", code: "model_not_found"))
            }
            return json(Self.model(id))
        }
        router.post("/v1/chat/completions") { request, _ -> Response in
            if let refused = authorize(request) { return refusal(refused) }
            var request = request
            let body: ByteBuffer
            do { body = try await request.collectBody(upTo: Self.bodyLimit) } catch { return refusal(.tooLarge(Self.bodyLimit)) }
            do {
                let chat = try ChatRequest.read(Data(buffer: body), maxImageBytes: runtime.config.maxAttachmentBytes)
                guard chat.stream else {
                    // A whole answer is made inside the handler, which watches the connection: a client that
                    // leaves meanwhile cancels the turn. The watch ends the connection with the response, so
                    // the response says so, and no client sends its next request down a closing connection.
                    do {
                        var response = try await request.body.consumeWithCancellationOnInboundClose { _ in
                            do { return try await complete(chat, inbound: nil) } catch let error as ServeError {
                                // A client that left cancelled the turn: its line is the 499 below, not this.
                                return Task.isCancelled ? error.response : refusal(error)
                            }
                        }
                        response.headers[.connection] = "close"
                        return response
                    } catch is CancellationError {
                        log.clientLeft(model: chat.model)
                        throw CancellationError()
                    }
                }
                return try await complete(chat, inbound: request.body)
            } catch let error as ServeError {
                return refusal(error)
            }
        }
        // The framework's log stays quiet: the address is said once, and each request in a line of `ServeLog`.
        var logger = Logger(label: "council.serve")
        logger.logLevel = .warning
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil),
                              onServerRunning: { channel in
                                  listening("http://\(host):\(channel.localAddress?.port ?? port)/v1")
                              }, logger: logger)
        // SIGTERM or Ctrl-C: see `ServeStop`. The group's own limit is the backstop, should a turn not end.
        var group = ServiceGroupConfiguration(services: [app], logger: logger)
        group.maximumGracefulShutdownDuration = limits.stopDeadline + .seconds(10)
        try await stop.run(ServiceGroup(configuration: group), deadline: limits.stopDeadline)
    }

    private func refusal(_ error: ServeError) -> Response {
        log.refused(error)
        return error.response
    }

    /// Compared in constant time: how much of a wrong token matched must not show in the time taken.
    private func authorize(_ request: Request) -> ServeError? {
        guard let token else { return nil }
        let given = Array((request.headers[.authorization] ?? "").utf8), expected = Array("Bearer \(token)".utf8)
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for index in expected.indices { difference |= expected[index] ^ (index < given.count ? given[index] : 0) }
        return difference == 0 ? nil : .unauthorized
    }

    static let modelIDs = ["council"] + Tier.allCases.map { "council/\($0.rawValue)" }

    static func model(_ id: String) -> [String: Any] { ["id": id, "object": "model", "owned_by": "council"] }

    private func models() -> Response { json(["object": "list", "data": Self.modelIDs.map(Self.model)]) }

    private func json(_ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `inbound`: the request's side of the connection, watched while a stream is written.
    private func complete(_ chat: ChatRequest, inbound: RequestBody?) async throws(ServeError) -> Response {
        guard let lease = slots.take() else { throw .busy(slots.limit) }
        var state = SessionState(config: runtime.config)
        if let tier = chat.tier { _ = state.switchTier(to: .fixed(tier)) }
        if let prompt = chat.systemPrompt { state.choose(systemPrompt: prompt) }
        let tier = chat.tier ?? state.resolveTier(for: chat.question).tier
        let responses = ChatResponses(model: chat.model)
        let turn = ServedTurn(runtime: runtime, chat: chat, state: state, stop: stop)
        if let refusal = turn.refusal() { throw refusal }
        guard chat.stream else {
            let result: TurnResult
            do { result = try await turn.run(onEvent: nil) } catch { throw .noAnswer("\(error)") }
            // A turn that did not answer is logged as the refusal it becomes; one that did, here.
            if result.status == .cancelled { throw .stopped }
            guard result.servedAnswer != nil, result.status != .failed else { throw .noAnswer(result.failureText) }
            log.turn(result, model: chat.model, stream: false)
            withExtendedLifetime(lease) {}
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: responses.completion(result, tier: tier))))
        }
        // The body holds the slot: it is given back when the stream ends, or when a body never written is
        // dropped. A client that leaves cancels the writing at once (not at the next write), and with it the
        // turn; the watch ends the connection with the stream, which the response says.
        let stream = StreamedTurn(turn: turn, responses: responses, tier: tier, log: log)
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache", .connection: "close"],
                        body: ResponseBody { writer in
                            if let inbound {
                                try await inbound.consumeWithCancellationOnInboundClose { _ in try await stream.write(to: &writer) }
                            } else {
                                try await stream.write(to: &writer)
                            }
                            withExtendedLifetime(lease) {}
                        })
    }
}

/// The turns in flight, at most `limit`: past it a request gets 429 at once instead of queueing.
final class TurnSlots: Sendable {
    let limit: Int
    private let running = Mutex(0)

    init(limit: Int) { self.limit = max(1, limit) }

    /// A slot, or nil when every one is taken; the slot is free again once the lease is gone.
    func take() -> Lease? {
        let taken = running.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
        return taken ? Lease(self) : nil
    }

    final class Lease: Sendable {
        private let slots: TurnSlots
        init(_ slots: TurnSlots) { self.slots = slots }
        deinit { slots.running.withLock { $0 -= 1 } }
    }
}
