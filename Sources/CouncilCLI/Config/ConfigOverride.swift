/// A setting that the environment and the command line may override, with its variable and its flag.
/// Flags beat variables, variables beat the file.
public enum ConfigOverride: String, Sendable, CaseIterable {
    case tier
    case minResponses
    case chairman
    case mode
    /// Every tier's per-model timeout, in seconds.
    case timeout
    /// Every tier's budget, in seconds.
    case budget
    case contextBudget
    case dataDirectory
    case historyFile

    public var environmentVariable: String {
        switch self {
        case .tier: "COUNCIL_TIER"
        case .minResponses: "COUNCIL_MIN_RESPONSES"
        case .chairman: "COUNCIL_CHAIRMAN"
        case .mode: "COUNCIL_MODE"
        case .timeout: "COUNCIL_TIMEOUT"
        case .budget: "COUNCIL_BUDGET"
        case .contextBudget: "COUNCIL_CONTEXT_BUDGET"
        case .dataDirectory: "COUNCIL_DATA_DIR"
        case .historyFile: "COUNCIL_HISTORY_FILE"
        }
    }

    public var flag: String {
        switch self {
        case .tier: "--tier"
        case .minResponses: "--min-responses"
        case .chairman: "--chairman"
        case .mode: "--mode"
        case .timeout: "--timeout"
        case .budget: "--budget"
        case .contextBudget: "--context-budget"
        case .dataDirectory: "--data-dir"
        case .historyFile: "--history-file"
        }
    }
}
