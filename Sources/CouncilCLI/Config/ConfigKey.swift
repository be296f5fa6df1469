import CouncilCore

/// Dotted key paths of the structured sections as written in `.councilrc`, e.g. `tiers.balanced.models`:
/// the names under which `CouncilConfig.sources` records where each value came from. A scalar
/// setting's key is in its declaration (`SettingDeclarations`).
public enum ConfigKey {
    public static func provider(_ name: String) -> String { "providers.\(name)" }
    public static func provider(_ name: String, _ field: String) -> String { "providers.\(name).\(field)" }
    public static func model(_ id: ModelID) -> String { "models.\(id.rawValue)" }
    public static func model(_ id: ModelID, _ field: String) -> String { "models.\(id.rawValue).\(field)" }
    public static func tier(_ tier: Tier, _ field: String) -> String { "tiers.\(tier.rawValue).\(field)" }
    /// One entry of a tier's model list.
    public static func tierModel(_ tier: Tier, _ index: Int) -> String { "tiers.\(tier.rawValue).models[\(index)]" }
}
