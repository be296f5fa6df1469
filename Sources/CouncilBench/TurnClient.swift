import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The clients of a served council: one HTTP client whose pool holds a connection per concurrent turn.
enum TurnClient {
    static let http: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 512)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    struct Answer {
        var status: Int
        var body: String
        /// From sending the request to the last byte of the body.
        var milliseconds: Double
    }

    /// One POST of a JSON body, read to its end.
    static func post(_ url: String, _ body: String, timeout: Duration = .seconds(120)) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        let start = ContinuousClock.now
        let response = try await http.execute(request, timeout: .seconds(timeout.components.seconds))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return Answer(status: Int(response.status.code), body: String(buffer: bytes), milliseconds: (ContinuousClock.now - start).milliseconds)
    }

    /// A chat-completions body for `council serve`; a question of its own per turn.
    static func chat(_ question: String, stream: Bool) -> String {
        let escaped = String(decoding: try! JSONEncoder().encode(question), as: UTF8.self)
        return #"{"model":"council","stream":\#(stream),"messages":[{"role":"user","content":\#(escaped)}]}"#
    }

    /// `count` turns sent at once; each turn's time, or an error for the first that did not answer 200.
    static func burst(_ count: Int, _ turn: @escaping @Sendable (Int) async throws -> Answer) async throws -> [Double] {
        try await withThrowingTaskGroup(of: Answer.self) { group in
            for index in 0..<count { group.addTask { try await turn(index) } }
            var times: [Double] = []
            for try await answer in group {
                guard answer.status == 200 else { throw BenchError.unexpected("a turn answered \(answer.status): \(answer.body.prefix(300))") }
                times.append(answer.milliseconds)
            }
            return times
        }
    }
}
