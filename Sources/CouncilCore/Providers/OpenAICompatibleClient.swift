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
    /// The variable the key came from, named when the provider rejects it (never the key itself).
    public var keyVariable: String?
    /// Fields every request to this provider carries, under the call's own options (e.g. OpenRouter's
    /// `usage: {include: true}`, which makes it report each call's cost).
    public var bodyFields: [String: JSONValue]
    /// Whether requests mark the end of their stable prefix for the provider's cache.
    public var cacheMarks: CacheMarks

    public init(name: String, baseURL: String, apiKey: String? = nil, headers: [String: String] = [:],
                keyVariable: String? = nil, bodyFields: [String: JSONValue] = [:], cacheMarks: CacheMarks = .off) {
        self.name = name
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.headers = headers
        self.keyVariable = keyVariable
        self.bodyFields = bodyFields
        self.cacheMarks = cacheMarks
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
    public let limits: ResponseLimits
    private let http: HTTPClient
    private let redactor: SecretRedactor
    private let bodies = RequestBodies()
    /// Requests, statuses and timings at `debug`; never headers, keys or the base URL's credentials.
    private let logger: Logger

    public init(endpoint: ProviderEndpoint, limits: ResponseLimits = .default, http: HTTPClient = .council, logger: Logger = .silent) {
        self.endpoint = endpoint
        self.limits = limits
        self.http = http
        self.redactor = SecretRedactor(secrets: endpoint.secrets)
        var logger = logger
        logger[metadataKey: "provider"] = "\(endpoint.name)"
        self.logger = logger
    }

    public var providerName: String? { endpoint.name }

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
                "truncated": "\(completion.truncated)",
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
            let body = try await collectPrefix(response.body, limit: limits.errorBodyBytes)
            throw statusError(response: response, body: body.bytes)
        }
        let contentType = response.headers.first(name: "content-type")?.lowercased() ?? ""
        if contentType.contains("application/json") {
            let body = try await collectPrefix(response.body, limit: limits.wholeBodyBytes)
            guard body.complete else {
                throw ChatError.malformedResponse("a whole answer larger than \(limits.wholeBodyBytes) bytes")
            }
            var completion = try ChatWireFormat.decodeCompletion(body.bytes, redactor: redactor)
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
        let marks = options.cacheMarks ?? endpoint.cacheMarks  // a model's own choice over its provider's
        let body = try bodies.body(model: model, messages: messages, options: options, providerFields: endpoint.bodyFields, marks: marks)
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }

    private func readStream(
        _ body: HTTPClientResponse.Body,
        onDelta: @escaping @Sendable (String) -> Void,
        onReasoning: @escaping @Sendable (Int) -> Void
    ) async throws -> ChatCompletion {
        var parser = SSEParser(maxLineBytes: limits.eventLineBytes)
        var accumulator = ChatWireFormat.StreamAccumulator(redactor: redactor, maxReasoningBytes: limits.answerBytes)
        var truncated = false
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
            reading: for try await buffer in body {
                for event in parser.feed(buffer.readableBytesView) {
                    let thought = accumulator.reasoning.count
                    guard let delta = try accumulator.consume(event) else {
                        if accumulator.reasoning.count > thought { onReasoning(accumulator.reasoning.count) }
                        continue
                    }
                    if accumulator.reasoning.count > thought { onReasoning(accumulator.reasoning.count) }
                    let over = accumulator.text.utf8.count - limits.answerBytes
                    guard over > 0 else { release(delta); continue }
                    // Past the cap: keep what fits and stop reading, which cancels the request.
                    release(delta.prefix(utf8Bytes: delta.utf8.count - over), final: true)
                    truncated = true
                    break reading
                }
                if parser.overflowed {
                    throw ChatError.malformedResponse("an event line longer than \(limits.eventLineBytes) bytes, or an event of many lines")
                }
                if accumulator.isDone { break }
            }
        } catch let error as ChatError {
            throw error
        } catch {
            throw mapTransportError(error, received: accumulator.text.count)
        }
        if truncated {
            let text = redactor.redactKnownSecrets(accumulator.text.prefix(utf8Bytes: limits.answerBytes))
            return ChatCompletion(text: text, usage: accumulator.usage, truncated: true,
                                  reasoning: accumulator.reasoning.isEmpty ? nil : accumulator.reasoning)
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

    /// Reads at most `limit` bytes of a body; `complete` is false when there was more (left unread,
    /// the request cancelled).
    private func collectPrefix(_ body: HTTPClientResponse.Body, limit: Int) async throws -> (bytes: [UInt8], complete: Bool) {
        var bytes: [UInt8] = []
        do {
            for try await buffer in body {
                let room = limit - bytes.count
                bytes += buffer.readableBytesView.prefix(room)
                if buffer.readableBytes > room { return (bytes, false) }
            }
            return (bytes, true)
        } catch {
            throw mapTransportError(error, received: 0)
        }
    }

    private func statusError(response: HTTPClientResponse, body: [UInt8]) -> ChatError {
        let message = redactor.redact(ChatWireFormat.errorMessage(in: body) ?? response.status.reasonPhrase)
        let status = Int(response.status.code)
        switch status {
        case 401, 403:
            // Said once per provider and turn: name the variable to fix, never the key.
            let key = endpoint.keyVariable.map { "the key in \($0)" } ?? "its key"
            return .unauthorized(status: status, message: "provider '\(endpoint.name)' rejected \(key) (HTTP \(status): \(message))")
        case 404: return .unknownModel(message: message)
        case 400 where message.lowercased().contains("model"): return .unknownModel(message: message)
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

    /// A refused connection is reported at once: retrying it with back-off until `connectTimeout`
    /// (the library's default) only makes a stopped local server take 5 s to report.
    public static func makeCouncilClient(connectTimeout: TimeAmount = .seconds(5)) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 512)
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: connectTimeout, read: nil)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }
}
