import AsyncHTTPClient
import Foundation
import NIOCore

/// `GET {base_url}/models`: the model ids a provider serves (OpenRouter, OpenAI, Ollama and LiteLLM
/// all answer it in the OpenAI shape `{"data": [{"id": …}]}`).
public enum ModelListing {
    private struct Body: Decodable {
        struct Entry: Decodable { var id: String }
        var data: [Entry]
    }

    /// The ids, sorted; throws a `ChatError` whose text holds no key.
    public static func fetch(_ endpoint: ProviderEndpoint, http: HTTPClient = .council,
                             timeout: TimeAmount = .seconds(15)) async throws -> [String] {
        let redactor = SecretRedactor(secrets: endpoint.secrets)
        let base = endpoint.baseURL.hasSuffix("/") ? String(endpoint.baseURL.dropLast()) : endpoint.baseURL
        var request = HTTPClientRequest(url: base + "/models")
        request.headers.add(name: "accept", value: "application/json")
        if let key = endpoint.apiKey, !key.isEmpty { request.headers.add(name: "authorization", value: "Bearer \(key)") }
        for (name, value) in endpoint.headers.sorted(by: { $0.key < $1.key }) { request.headers.add(name: name, value: value) }
        let bytes: [UInt8]
        let status: Int
        do {
            let response = try await http.execute(request, timeout: timeout)
            status = Int(response.status.code)
            var buffer = try await response.body.collect(upTo: 16 << 20)
            bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            throw ChatError.connectionFailed(redactor.redact(String(describing: error)))
        }
        guard (200..<300).contains(status) else {
            let message = redactor.redact(ChatWireFormat.errorMessage(in: bytes) ?? "HTTP \(status)")
            throw status == 401 || status == 403 ? ChatError.unauthorized(status: status, message: message)
                : ChatError.httpError(status: status, message: message)
        }
        guard let body = try? JSONDecoder().decode(Body.self, from: Data(bytes)) else {
            throw ChatError.malformedResponse("the model list is not {\"data\": [{\"id\": …}]}: " + redactor.redact(ChatWireFormat.preview(bytes)))
        }
        return body.data.map(\.id).sorted()
    }
}
