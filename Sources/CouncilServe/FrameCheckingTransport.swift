import Foundation
import Logging
import MCP

/// Stdio as the server reads it, with a frame that is not JSON answered as JSON-RPC says: a parse
/// error (-32700) with a null id. The SDK would answer it with a made-up id, which no client can match.
actor FrameCheckingTransport: Transport {
    private let stdio = StdioTransport()
    nonisolated var logger: Logger { Logger(label: "council.mcp") }

    static let parseError = Data(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error: the frame is not JSON"}}"#.utf8)

    func connect() async throws { try await stdio.connect() }
    func disconnect() async { await stdio.disconnect() }
    func send(_ data: Data) async throws { try await stdio.send(data) }

    func receive() -> AsyncThrowingStream<Data, Swift.Error> {
        AsyncThrowingStream { continuation in
            let reading = Task {
                do {
                    for try await frame in await stdio.receive() {
                        if (try? JSONSerialization.jsonObject(with: frame)) == nil {
                            try? await send(Self.parseError)
                        } else {
                            continuation.yield(frame)
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in reading.cancel() }
        }
    }
}
