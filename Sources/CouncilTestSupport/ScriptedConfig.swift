import CouncilCore

/// The configuration file of a council on one scripted server: every tier the same `models`, so a
/// test or benchmark runs the binary (or the runtime) exactly as a user's file would.
public enum ScriptedConfig {
    public static func text(server: ScriptedServer, models: [ModelID], chairman: ModelID, minResponses: Int,
                            timeout: Int, apiKeyVariable: String? = nil) -> String {
        let tier = "    models: [\(models.map(\.rawValue).joined(separator: ", "))]\n    timeout: \(timeout)\n    budget: 60\n"
        return """
            providers:
              local:
                base_url: \(server.baseURL)\(apiKeyVariable.map { "\n    api_key_env: \($0)" } ?? "")
            models:
            \(models.map { "  \($0.rawValue): {provider: local}\n" }.joined())tiers:
              quick:
            \(tier)  balanced:
            \(tier)  high:
            \(tier)  reasoning:
            \(tier)default_tier: balanced
            chairman: \(chairman.rawValue)
            min_responses: \(minResponses)

            """
    }
}
