/// Which request headers carry credentials: their values are never shown, and a config file holding
/// one gets the same permissions check as a literal `api_key`.
enum ProviderHeaders {
    static let credentialNames: Set<String> = ["authorization", "proxy-authorization", "api-key", "x-api-key"]

    static func isSecret(name: String, value: String) -> Bool {
        credentialNames.contains(name.lowercased()) || value.hasPrefix("Bearer ") || value.hasPrefix("sk-")
    }
}
