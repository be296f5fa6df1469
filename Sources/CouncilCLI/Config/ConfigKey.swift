import CouncilCore

/// Dotted key paths as written in `.councilrc`, e.g. `tiers.balanced.timeout`: the names under which
/// `CouncilConfig.sources` records where each value came from.
public enum ConfigKey {
    public static let defaultTier = "default_tier"
    public static let chairman = "chairman"
    public static let minResponses = "min_responses"
    public static let mode = "mode"
    public static let contextBudget = "context_budget"
    public static let dataDirectory = "data_dir"
    public static let historyFile = "history_file"

    public static func breaker(_ field: String) -> String { "breaker.\(field)" }
    public static func provider(_ name: String) -> String { "providers.\(name)" }
    public static func provider(_ name: String, _ field: String) -> String { "providers.\(name).\(field)" }
    public static func model(_ id: ModelID) -> String { "models.\(id.rawValue)" }
    public static func model(_ id: ModelID, _ field: String) -> String { "models.\(id.rawValue).\(field)" }
    public static func tier(_ tier: Tier, _ field: String) -> String { "tiers.\(tier.rawValue).\(field)" }
    /// One entry of a tier's model list.
    public static func tierModel(_ tier: Tier, _ index: Int) -> String { "tiers.\(tier.rawValue).models[\(index)]" }
}
