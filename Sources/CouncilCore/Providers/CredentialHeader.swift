/// Which request headers carry credentials. Their values are redacted from everything shown, never
/// printed by `council config`, and a config file holding one gets the same permissions check as a
/// literal `api_key`. One rule for the engine and the CLI.
public enum CredentialHeader {
    public static func isSecret(name: String, value: String) -> Bool {
        let lowered = name.lowercased()
        return ["key", "auth", "token", "secret"].contains { lowered.contains($0) }
            || value.hasPrefix("Bearer ") || value.hasPrefix("sk-")
    }
}
