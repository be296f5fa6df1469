import CouncilCore
/// The keys `.councilrc` accepts at each level; anything else is an unknown key.
/// `.councilrc.example` documents each one.
enum ConfigSchema {
    static let topLevel = ["providers", "models", "tiers", "default_tier", "chairman", "min_responses", "mode",
                           "context_budget", "breaker", "data_dir", "history_file"]
    static let provider = ["base_url", "api_key_env", "api_key", "headers"]
    static let model = ["provider", "name", "price"]
    static let price = ["input", "output"]
    static let tiers = Tier.allCases.map(\.rawValue)
    static let tier = ["models", "timeout", "budget"]
    static let breaker = ["failure_threshold", "window", "minimum_requests", "cooldown"]
}
