import CouncilCore
/// The keys `.councilrc` accepts at each level; anything else is an unknown key. The scalar settings'
/// keys come from `SettingDeclarations`. `.councilrc.example` documents each one.
enum ConfigSchema {
    /// Sections with their own reader code.
    static let structured = ["providers", "models", "tiers", "request", "stages"]
    static let topLevel = structured + unique(globalKeys.map { $0.split(separator: ".")[0] }.map(String.init))
    static let provider = ["base_url", "api_key_env", "api_key", "headers", "extra_body", "cache"]
    static let model = ["provider", "name", "price", "system_prompt", "request", "timeout", "hedge_after", "vision", "cache"]
    static let request = ["temperature", "top_p", "max_tokens", "reasoning_effort", "extra_body"]
    static let stages = ["review", "synthesis"]
    static let stage = ["system_prompt", "request"]
    static let price = ["input", "output", "cached_input"]
    static let tiers = Tier.allCases.map(\.rawValue)
    static let tier = ["models", "system_prompt", "request", "hedge_after", "debate"] + SettingDeclarations.all.filter { $0.scope == .tier }.map(\.key)

    /// The fields of a section of global settings, e.g. `breaker` → `window`, `cooldown`, …
    static func fields(of section: String) -> [String] {
        globalKeys.compactMap { key in key.hasPrefix(section + ".") ? String(key.dropFirst(section.count + 1)) : nil }
    }

    private static var globalKeys: [String] { SettingDeclarations.all.filter { $0.scope == .global }.map(\.key) }

    private static func unique(_ words: [String]) -> [String] {
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }
    }
}
