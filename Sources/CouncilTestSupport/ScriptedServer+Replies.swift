import CouncilCore
import Foundation
import NIOCore
import NIOHTTP1

extension ScriptedServer {
    /// Answers one request as the script says. Returns false when the connection must be closed.
    func respond(
        to head: HTTPRequestHead, body: ByteBuffer,
        outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>,
        watch: ConnectionWatch, script: Script
    ) async -> Bool {
        struct Body: Decodable {
            var model: String
            // A content given as parts (a cache mark, images) is read too: see `ChatMessage`'s decoding.
            var messages: [ChatMessage]?
            var stream: Bool?
        }
        if head.uri.hasSuffix("/models"), head.method == .HEAD {
            recordWarmup()
            try? await outbound.write(contentsOf: [.head(Self.head(.ok, contentType: "application/json")), .end(nil)])
            return true
        }
        if head.uri.hasSuffix("/models"), head.method == .GET {
            let data = listing.map { #"{"id":\#(String(decoding: (try? JSONEncoder().encode($0)) ?? Data(), as: UTF8.self)),"object":"model"}"# }
            try? await write(status: .ok, contentType: "application/json",
                             body: #"{"object":"list","data":[\#(data.joined(separator: ","))]}"#, to: outbound)
            return true
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
                                      stream: decoded.stream ?? false, headers: headers,
                                      body: Data(body.readableBytesView))
        recordRequest(request)
        let model = request.model

        var reply = script(request)
        while case .gated(let gate, let held) = reply {
            guard await gate.wait(unlessClosed: watch) else {
                recordDisconnect(of: model)
                return false
            }
            reply = held
        }
        do {
            switch reply {
            case .gated:
                preconditionFailure("opened above")
            case .stream(let text, let delay, let pieces, let usage, let sendDone, let gap):
                guard await watch.sleep(delay) else { throw Dropped() }
                let deltas = ChatCompletionWire.split(text, into: pieces).map(ChatCompletionWire.deltaEvent)
                let ending = ChatCompletionWire.finishEvent(usage: usage) + (sendDone ? "data: [DONE]\n\n" : "")
                guard gap > .zero else {
                    // One write for the whole stream: the pieces still arrive as separate events.
                    try await outbound.write(contentsOf: [.head(Self.head(.ok, contentType: "text/event-stream")),
                                                          .body(.byteBuffer(ByteBuffer(string: deltas.joined() + ending))), .end(nil)])
                    break
                }
                try await outbound.write(.head(Self.head(.ok, contentType: "text/event-stream")))
                for (index, delta) in deltas.enumerated() {
                    if index > 0 { guard await watch.sleep(gap) else { throw Dropped() } }
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(string: delta))))
                }
                try await outbound.write(contentsOf: [.body(.byteBuffer(ByteBuffer(string: ending))), .end(nil)])
            case .json(let text, let delay, let usage):
                guard await watch.sleep(delay) else { throw Dropped() }
                try await write(status: .ok, contentType: "application/json", body: ChatCompletionWire.wholeBody(text, usage: usage), to: outbound)
            case .error(let status, let message, let retryAfter, let delay):
                guard await watch.sleep(delay) else { throw Dropped() }
                let escaped = String(decoding: try JSONEncoder().encode(message), as: UTF8.self)
                try await write(status: HTTPResponseStatus(statusCode: status), contentType: "application/json",
                                body: #"{"error":{"message":\#(escaped),"code":\#(status)}}"#,
                                extraHeaders: retryAfter.map { [("retry-after", String($0))] } ?? [], to: outbound)
            case .hang(let afterText):
                try await outbound.write(.head(Self.head(.ok, contentType: "text/event-stream")))
                if let afterText {
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(string: ChatCompletionWire.deltaEvent(afterText)))))
                }
                await watch.waitUntilClosed()
                throw Dropped()
            case .cut(let afterText):
                try await outbound.write(.head(Self.head(.ok, contentType: "text/event-stream")))
                try await outbound.write(.body(.byteBuffer(ByteBuffer(string: ChatCompletionWire.deltaEvent(afterText)))))
                try await Task.sleep(for: .milliseconds(20))
                return false
            case .flood(let bytes, let chunkBytes):
                try await outbound.write(.head(Self.head(.ok, contentType: "text/event-stream")))
                let event = ByteBuffer(string: ChatCompletionWire.deltaEvent(String(repeating: "x", count: chunkBytes)))
                var sent = 0
                while sent < bytes {
                    try await outbound.write(.body(.byteBuffer(event)))
                    sent += chunkBytes
                }
                try await outbound.write(contentsOf: [.body(.byteBuffer(ByteBuffer(string: ChatCompletionWire.finishEvent(usage: nil) + "data: [DONE]\n\n"))), .end(nil)])
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
}
