import Foundation
import HTTPTypes
import Hummingbird

/// An error as OpenAI's clients read it: `{"error": {"message", "type", "code"}}` with its status.
struct ServeError: Error {
    var status: HTTPResponse.Status
    var message: String
    var type: String
    var code: String?
    var retryAfter: Int?
    /// False where a retry would meet a server that is gone (OpenAI's SDKs read `x-should-retry`).
    var shouldRetry: Bool?

    static func badRequest(_ message: String, code: String? = nil) -> ServeError {
        ServeError(status: .badRequest, message: message, type: "invalid_request_error", code: code)
    }

    static let unauthorized = ServeError(status: .unauthorized, message: "a Bearer token is needed (COUNCIL_SERVE_TOKEN)",
                                         type: "invalid_request_error", code: "invalid_api_key")

    static func tooLarge(_ limit: Int) -> ServeError {
        ServeError(status: .contentTooLarge, message: "the body is over \(limit) bytes", type: "invalid_request_error", code: "body_too_large")
    }

    static func busy(_ limit: Int) -> ServeError {
        ServeError(status: .tooManyRequests, message: "\(limit) council turns are running; try again shortly",
                   type: "rate_limit_error", code: "too_many_turns", retryAfter: 2)
    }

    static func noAnswer(_ reason: String) -> ServeError {
        ServeError(status: .badGateway, message: "no model of the council answered: \(reason)", type: "api_error", code: "no_answer")
    }

    /// The turn was cancelled: the server is stopping and its deadline passed.
    static let stopped = ServeError(status: .serviceUnavailable, message: "council serve stopped before the turn finished",
                                    type: "api_error", code: "server_stopping", shouldRetry: false)

    /// `{"error": {"message", "type", "code"}}`.
    var body: Data {
        let error: [String: Any] = ["message": message, "type": type, "code": code ?? NSNull()]
        return (try? JSONSerialization.data(withJSONObject: ["error": error], options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    var response: Response {
        let data = body
        var headers: HTTPFields = [.contentType: "application/json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if let shouldRetry, let name = HTTPField.Name("x-should-retry") { headers[name] = String(shouldRetry) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
