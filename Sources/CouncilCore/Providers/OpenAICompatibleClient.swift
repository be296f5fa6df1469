import AsyncHTTPClient
import Logging
import Foundation
import NIOCore
import NIOHTTP1

/// Where an OpenAI-compatible API lives and how to authenticate to it.
public struct ProviderEndpoint: Sendable, Equatable {
    public var name: String
    public var baseURL: String
    public var apiKey: String?
    /// Extra headers, e.g. OpenRouter's attribution headers.
    public var headers: [String: String]
    /// Fields every request to this provider carries, under the call's own options (e.g. OpenRouter's
    /// `usage: {include: true}`, which makes it report each call's cost).
    public var bodyFields: [String: JSONValue]

    public init(name: String, baseURL: String, apiKey: String? = nil, headers: [String: String] = [:],
                bodyFields: [String: JSONValue] = [:]) {
        self.name = name
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.headers = headers
        self.bodyFields = bodyFields
    }
}

extension ProviderEndpoint {
    /// Everything this endpoint sends that must never be shown: the key, credential-like headers,
    /// and a user, password or query in the base URL.
    var secrets: [String?] {
        let credentialHeaders = headers.filter(CredentialHeader.isSecret).map(\.value)
        let url = URLComponents(string: baseURL)
        let query = url?.queryItems?.compactMap(\.value) ?? []
        return [apiKey, url?.user, url?.password] + credentialHeaders + query
    }
}

/// `POST {base_url}/chat/completions` with streaming, over async-http-client.
public struct OpenAICompatibleClient: ChatProvider {
    public let endpoint: ProviderEndpoint
    private let http: HTTPClient
    private let redactor: SecretRedactor
    /// Requests, statuses and timings at `debug`; never headers, keys or the base URL's credentials.
    private let logger: Logger

    public init(endpoint: ProviderEndpoint, http: HTTPClient = .council, logger: Logger = .silent) {
        self.endpoint = endpoint
        self.http = http
        self.redactor = SecretRedactor(secrets: endpoint.secrets)
        var logger = logger
        logger[metadataKey: "provider"] = "\(endpoint.name)"
        self.logger = logger
    }

    public func complete(
        model: ModelID,
        messages: [ChatMessage],
        onDelta: @escaping @Sendable (String) -> Void
    ) async throws -> ChatCompletion {
        try await complete(model: model, messages: messages, options: .none, onDelta: onDelta, onReasoning: { _ in })
    }

    public func complete(
        model: ModelID,
        messages: [ChatMessage],
        options: RequestOptions,
        onDelta: @escaping @Sendable (String) -> Void,
        onReasoning: @escaping @Sendable (Int) -> Void
    ) async throws -> ChatCompletion {
        var logger = self.logger
        logger[metadataKey: "model"] = "\(model.rawValue)"
        let started = ContinuousClock.now
        logger.debug("request", metadata: ["host": "\(Self.host(of: endpoint.baseURL))", "messages": "\(messages.count)"])
        do {
            let completion = try await send(model: model, messages: messages, options: options, logger: logger,
                                            onDelta: onDelta, onReasoning: onReasoning)
            logger.debug("completed", metadata: [
                "ms": "\(Self.milliseconds(since: started))", "characters": "\(completion.text.count)",
                "prompt_tokens": "\(completion.usage?.promptTokens ?? 0)", "completion_tokens": "\(completion.usage?.completionTokens ?? 0)",
            ])
            return completion
        } catch is CancellationError {
            logger.debug("cancelled", metadata: ["ms": "\(Self.milliseconds(since: started))"])
            throw CancellationError()
        } catch {
            // ChatError texts are already redacted.
            logger.warning("failed", metadata: ["ms": "\(Self.milliseconds(since: started))", "error": "\(error)"])
            throw error
        }
    }

    private func send(
        model: ModelID, messages: [ChatMessage], options: RequestOptions, logger: Logger,
        onDelta: @escaping @Sendable (String) -> Void, onReasoning: @escaping @Sendable (Int) -> Void
    ) async throws -> ChatCompletion {
        let started = ContinuousClock.now
        let request = try makeRequest(model: model, messages: messages, options: options)
        let response: HTTPClientResponse
        do {
            // No client deadline: the fan-out owns timeouts and cancels this task.
            response = try await http.execute(request, deadline: .distantFuture)
        } catch {
            throw mapTransportError(error, received: 0)
        }
        logger.debug("response", metadata: ["status": "\(response.status.code)", "ms": "\(Self.milliseconds(since: started))"])
        guard (200..<300).contains(response.status.code) else {
            let body = try await collect(response.body, limit: 1 << 20)
            throw statusError(response: response, body: body)
        }
        let contentType = response.headers.first(name: "content-type")?.lowercased() ?? ""
        if contentType.contains("application/json") {
            let body = try await collect(response.body, limit: 64 << 20)
            var completion = try ChatWireFormat.decodeCompletion(body, redactor: redactor)
            completion.text = redactor.redactKnownSecrets(completion.text)
            onDelta(completion.text)
            return completion
        }
        return try await readStream(response.body, onDelta: onDelta, onReasoning: onReasoning)
    }

    private func makeRequest(model: ModelID, messages: [ChatMessage], options: RequestOptions) throws -> HTTPClientRequest {
        let base = endpoint.baseURL.hasSuffix("/") ? String(endpoint.baseURL.dropLast()) : endpoint.baseURL
        var request = HTTPClientRequest(url: base + "/chat/completions")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "accept", value: "text/event-stream, application/json")
        if let key = endpoint.apiKey, !key.isEmpty {
            request.headers.add(name: "authorization", value: "Bearer \(key)")
        }
        for (name, value) in endpoint.headers.sorted(by: { $0.key < $1.key }) {
            request.headers.add(name: name, value: value)
        }
        let body = try ChatWireFormat.encodeRequest(model: model, messages: messages, options: options,
                                                    providerFields: endpoint.bodyFields)
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }

    private func readStream(
        _ body: HTTPClientResponse.Body,
        onDelta: @escaping @Sendable (String) -> Void,
        onReasoning: @escaping @Sendable (Int) -> Void
    ) async throws -> ChatCompletion {
        var parser = SSEParser()
        var accumulator = ChatWireFormat.StreamAccumulator(redactor: redactor)
        // Deltas pass through with our own secrets removed, even when one is split across deltas.
        var heldBack = ""
        func release(_ delta: String, final: Bool = false) {
            let text = redactor.redactKnownSecrets(heldBack + delta)
            let keep = final ? 0 : redactor.possibleSecretPrefixLength(atEndOf: text)
            heldBack = String(text.suffix(keep))
            let ready = String(text.dropLast(keep))
            if !ready.isEmpty { onDelta(ready) }
        }
        do {
            for try await buffer in body {
                for event in parser.feed(buffer.readableBytesView) {
                    let thought = accumulator.reasoning.count
                    if let delta = try accumulator.consume(event) { release(delta) }
                    if accumulator.reasoning.count > thought { onReasoning(accumulator.reasoning.count) }
                }
                if accumulator.isDone { break }
            }
        } catch let error as ChatError {
            throw error
        } catch {
            throw mapTransportError(error, received: accumulator.text.count)
        }
        for event in parser.finish() {
            if let delta = try accumulator.consume(event) { release(delta) }
        }
        release("", final: true)
        // A gateway or model that echoes our key must not put it on screen, in the store or in prompts.
        var completion = try accumulator.completion()
        completion.text = redactor.redactKnownSecrets(completion.text)
        return completion
    }

    private func collect(_ body: HTTPClientResponse.Body, limit: Int) async throws -> [UInt8] {
        do {
            var buffer = try await body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            throw mapTransportError(error, received: 0)
        }
    }

    private func statusError(response: HTTPClientResponse, body: [UInt8]) -> ChatError {
        let message = redactor.redact(ChatWireFormat.errorMessage(in: body) ?? response.status.reasonPhrase)
        let status = Int(response.status.code)
        switch status {
        case 401, 403: return .unauthorized(status: status, message: message)
        case 404: return .unknownModel(message: message)
        case 429:
            let retry = response.headers.first(name: "retry-after").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            return .rateLimited(retryAfterSeconds: retry, message: message)
        case 500...: return .serverError(status: status, message: message)
        default: return .httpError(status: status, message: message)
        }
    }

    /// Cancellation stays a `CancellationError`; everything else becomes a `ChatError` without the key.
    private func mapTransportError(_ error: any Error, received: Int) -> any Error {
        if error is CancellationError || Task.isCancelled { return CancellationError() }
        if let chatError = error as? ChatError { return chatError }
        if let clientError = error as? HTTPClientError, clientError == .cancelled { return CancellationError() }
        let detail = redactor.redact(Self.readable(error))
        if received > 0 || isMidStream(error) {
            return ChatError.streamCut(receivedCharacters: received, message: detail)
        }
        return ChatError.connectionFailed("\(detail) (\(Self.host(of: endpoint.baseURL)))")
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        Int(((ContinuousClock.now - start).seconds * 1000).rounded())
    }

    /// Where a request went, without credentials.
    private static func host(of baseURL: String) -> String {
        guard let parts = URLComponents(string: baseURL), let host = parts.host else { return "the provider" }
        return parts.port.map { "\(host):\($0)" } ?? host
    }

    /// NIO's descriptions are for programmers; a refused connection should read as one.
    private static func readable(_ error: any Error) -> String {
        let text = String(describing: error)
        for (needle, plain) in [("Connection refused", "connection refused"), ("connectTimeout", "connect timed out"),
                                ("Network is unreachable", "network unreachable"), ("No route to host", "no route to host")]
        where text.contains(needle) {
            return plain
        }
        return text
    }

    private func isMidStream(_ error: any Error) -> Bool {
        if let clientError = error as? HTTPClientError, clientError == .remoteConnectionClosed { return true }
        return error is HTTPParserError
    }
}

extension HTTPClient {
    /// One client for the whole process, with a per-host pool large enough that a council of
    /// 64 models on one gateway does not queue (the library's default is 8 connections per host).
    public static let council = makeCouncilClient()

    /// A refused connection is retried with back-off until `connectTimeout`, then reported.
    public static func makeCouncilClient(connectTimeout: TimeAmount = .seconds(5)) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 512)
        configuration.timeout = .init(connect: connectTimeout, read: nil)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }
}

extension Logger {
    /// A logger that writes nothing: the engine logs only when the program hands it one that does.
    public static let silent = Logger(label: "council", factory: { _ in SwiftLogNoOpLogHandler() })
}
