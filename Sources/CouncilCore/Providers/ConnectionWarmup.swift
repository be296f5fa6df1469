import AsyncHTTPClient
import NIOCore

/// Opens (and keeps open) a pooled connection to a provider before the first question, so the first
/// turn does not pay DNS, TCP and TLS: a `HEAD {base_url}/models`, whose answer does not matter, leaves
/// its connection in the client's pool (kept 60 s idle). async-http-client negotiates HTTP/2 by ALPN
/// where the provider offers it, so one warm connection then carries every model of that provider.
public enum ConnectionWarmup {
    public static func warm(_ endpoint: ProviderEndpoint, http: HTTPClient = .council, timeout: TimeAmount = .seconds(10)) async {
        let base = endpoint.baseURL.hasSuffix("/") ? String(endpoint.baseURL.dropLast()) : endpoint.baseURL
        var request = HTTPClientRequest(url: base + "/models")
        request.method = .HEAD
        if let key = endpoint.apiKey, !key.isEmpty { request.headers.add(name: "authorization", value: "Bearer \(key)") }
        for (name, value) in endpoint.headers.sorted(by: { $0.key < $1.key }) { request.headers.add(name: name, value: value) }
        // A failure here is the first turn's to report, with its own words: nothing is said now.
        guard let response = try? await http.execute(request, timeout: timeout) else { return }
        _ = try? await response.body.collect(upTo: 1 << 16)
    }
}
