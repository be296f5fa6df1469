import Foundation

/// The JSON of the chat-completions API: request bodies, stream chunks, whole answers, errors.
enum ChatWireFormat {
    /// Cache figures come under several names: OpenAI's and OpenRouter's `prompt_tokens_details`,
    /// DeepSeek's `prompt_cache_hit_tokens`, and Anthropic's own names, which LiteLLM passes on.
    struct WireUsage: Decodable {
        struct PromptDetails: Decodable {
            var cached_tokens: Int?
            var cache_write_tokens: Int?
        }
        var prompt_tokens: Int?
        var completion_tokens: Int?
        var cost: Double?
        var prompt_tokens_details: PromptDetails?
        var prompt_cache_hit_tokens: Int?
        var cache_read_input_tokens: Int?
        var cache_creation_input_tokens: Int?

        var usage: Usage {
            Usage(promptTokens: prompt_tokens ?? 0, completionTokens: completion_tokens ?? 0, cost: cost,
                  cachedTokens: prompt_tokens_details?.cached_tokens ?? prompt_cache_hit_tokens ?? cache_read_input_tokens ?? 0,
                  cacheWriteTokens: prompt_tokens_details?.cache_write_tokens ?? cache_creation_input_tokens ?? 0)
        }
    }

    struct WireError: Decodable {
        struct Body: Decodable {
            var message: String?
            var code: IntOrString?
        }
        var error: Body?
        var message: String?
    }

    /// Gateways disagree on whether an error code is a number or a string.
    enum IntOrString: Decodable {
        case int(Int), string(String)
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Int.self) { self = .int(value) } else { self = .string(try container.decode(String.self)) }
        }
        /// A gateway may send `"503"` for 503 (LiteLLM does inside a stream): a numeric string is a number.
        var int: Int? {
            switch self {
            case .int(let value): value
            case .string(let text): Int(text.trimmingCharacters(in: .whitespaces))
            }
        }
    }

    struct Chunk: Decodable {
        struct Choice: Decodable {
            /// `reasoning` (OpenRouter) or `reasoning_content` (DeepSeek, LiteLLM): thinking before the answer.
            struct Delta: Decodable {
                var content: String?
                var reasoning: String?
                var reasoning_content: String?
            }
            var delta: Delta?
            var finish_reason: String?
        }
        var choices: [Choice]?
        var usage: WireUsage?
        var error: WireError.Body?
    }

    struct Whole: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable {
                var content: String?
                var reasoning: String?
                var reasoning_content: String?
            }
            var message: Message?
        }
        var choices: [Choice]?
        var usage: WireUsage?
        var error: WireError.Body?
    }

    /// `{messages, model, stream, stream_options}`, with the provider's fields and the call's options
    /// merged in; `messages` (already encoded), `model` and `stream` win over them.
    static func encodeRequest(model: ModelID, encodedMessages: Data, options: RequestOptions = .none,
                              providerFields: [String: JSONValue] = [:]) throws -> Data {
        var fields: [String: JSONValue] = ["stream_options": .object(["include_usage": .bool(true)])]
        for (key, value) in providerFields.merging(options.bodyFields, uniquingKeysWith: { $0.merged(with: $1) }) {
            fields[key] = fields[key].map { $0.merged(with: value) } ?? value
        }
        fields["messages"] = nil
        fields["model"] = .string(model.rawValue)
        fields["stream"] = .bool(true)
        // `{"messages":[…],` then the other fields' object without its opening brace.
        var body = Data(#"{"messages":"#.utf8)
        body.append(encodedMessages)
        body.append(UInt8(ascii: ","))
        body.append(try encoder.encode(JSONValue.object(fields)).dropFirst())
        return body
    }

    static func encodeMessages(_ messages: [ChatMessage], marks: CacheMarks = .off) throws -> Data {
        try encoder.encode(WireMessage.marking(messages, marks))
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func errorMessage(in body: [UInt8]) -> String? {
        if let wire = try? JSONDecoder().decode(WireError.self, from: Data(body)) {
            if let message = wire.error?.message ?? wire.message { return message }
        }
        let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    static func decodeCompletion(_ body: [UInt8], redactor: SecretRedactor) throws -> ChatCompletion {
        guard let whole = try? JSONDecoder().decode(Whole.self, from: Data(body)) else {
            throw ChatError.malformedResponse("body is not chat-completion JSON: " + redactor.redact(preview(body)))
        }
        if let error = whole.error { throw streamedError(error, redactor: redactor) }
        guard let text = whole.choices?.first?.message?.content, !text.isEmpty else {
            throw ChatError.malformedResponse("no answer in choices[0].message.content")
        }
        let message = whole.choices?.first?.message
        let reasoning = (message?.reasoning ?? message?.reasoning_content).map(redactor.redactKnownSecrets)
        return ChatCompletion(text: text, usage: whole.usage?.usage, reasoning: reasoning?.isEmpty == false ? reasoning : nil)
    }

    static func preview(_ bytes: some Collection<UInt8>) -> String {
        let text = String(decoding: bytes.prefix(80), as: UTF8.self)
        return bytes.count > 80 ? text + "…" : text
    }

    static func streamedError(_ error: WireError.Body, redactor: SecretRedactor) -> ChatError {
        let message = redactor.redact(error.message ?? "error in stream")
        switch error.code?.int {
        case 401?, 403?: return .unauthorized(status: error.code!.int!, message: message)
        case 404?: return .unknownModel(message: message)
        case 429?: return .rateLimited(retryAfterSeconds: nil, message: message)
        case let status? where (400..<500).contains(status): return .httpError(status: status, message: message)
        case let status?: return .serverError(status: status, message: message)
        case nil: return .serverError(status: 502, message: message)
        }
    }

    /// Collects a streamed answer chunk by chunk.
    struct StreamAccumulator {
        let redactor: SecretRedactor
        private(set) var text = ""
        /// Kept apart from `text`: never shown as the answer, never sent on.
        private(set) var reasoning = ""
        private(set) var usage: Usage?
        private(set) var isDone = false
        private var finished = false
        private var chunks = 0
        private let decoder = JSONDecoder()
        /// Reasoning kept at most: a model may think far longer than the answer's cap, and only the
        /// length of its thinking is shown, so past this it is dropped, not kept.
        let maxReasoningBytes: Int

        init(redactor: SecretRedactor, maxReasoningBytes: Int = .max) {
            self.redactor = redactor
            self.maxReasoningBytes = maxReasoningBytes
        }

        /// Returns the new text of this event, if any.
        mutating func consume(_ event: SSEParser.Event) throws -> String? {
            // `[DONE]` ends the answer: events after it in the same read would otherwise count and
            // those in a later read not, so the answer would depend on the network (found by its property test).
            guard !isDone else { return nil }
            let data = Self.trimmingSpaces(event.data)
            if data == "[DONE]" {
                isDone = true
                return nil
            }
            if data.isEmpty { return nil }
            guard let chunk = try? decoder.decode(Chunk.self, from: Data(data.utf8)) else {
                throw ChatError.malformedResponse("stream event is not JSON: " + redactor.redact(preview(Array(data.utf8))))
            }
            chunks += 1
            if let error = chunk.error { throw streamedError(error, redactor: redactor) }
            if let wireUsage = chunk.usage { usage = wireUsage.usage }
            let choice = chunk.choices?.first
            if choice?.finish_reason != nil { finished = true }
            if let thought = choice?.delta?.reasoning ?? choice?.delta?.reasoning_content {
                reasoning += thought.prefix(utf8Bytes: maxReasoningBytes - reasoning.utf8.count)
            }
            guard let delta = choice?.delta?.content, !delta.isEmpty else { return nil }
            text += delta
            return delta
        }

        /// `trimmingCharacters(in: .whitespaces)` without Foundation's bridge to NSString, which cost
        /// more than decoding the chunk's JSON (every event of every answer passes here).
        static func trimmingSpaces(_ text: String) -> String {
            func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
            let scalars = text.unicodeScalars
            guard let first = scalars.first, let last = scalars.last, isSpace(first) || isSpace(last) else { return text }
            let start = scalars.firstIndex { !isSpace($0) } ?? scalars.endIndex
            let end = scalars.lastIndex { !isSpace($0) }.map(scalars.index(after:)) ?? start
            return start < end ? String(scalars[start..<end]) : ""
        }

        /// Some servers never send `[DONE]`; a finish reason then says the answer is whole. A stream that
        /// ends with neither was cut off, and its partial text must not pass for an answer.
        func completion() throws -> ChatCompletion {
            guard chunks > 0 else { throw ChatError.malformedResponse("the stream held no events") }
            guard !text.isEmpty else {
                throw ChatError.malformedResponse(finished || isDone ? "empty answer" : "stream ended before any answer")
            }
            guard finished || isDone else {
                throw ChatError.streamCut(receivedCharacters: text.count, message: "the stream ended without a finish reason or [DONE]")
            }
            return ChatCompletion(text: text, usage: usage, reasoning: reasoning.isEmpty ? nil : redactor.redactKnownSecrets(reasoning))
        }
    }
}
