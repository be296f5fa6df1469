import CouncilCore

/// The models that cannot be called (no key, no provider), in one line grouped by reason: ten models
/// behind one missing key are one thing to fix, not ten rows of a table.
enum UnreachableSummary {
    static func line(_ unreachable: [ModelID: String]) -> String? {
        guard !unreachable.isEmpty else { return nil }
        let groups = Dictionary(grouping: unreachable.keys.sorted()) { unreachable[$0] ?? "" }
            .sorted { $0.key < $1.key }
            .map { reason, models in "\(shortList(models)) (\(reason))" }
        return "not callable, left out: " + groups.joined(separator: "; ")
    }

    /// `a, b, c` or `a, b, c and 8 more`.
    static func shortList(_ models: [ModelID]) -> String {
        let names = models.map(\.rawValue)
        return names.count > 4 ? names.prefix(3).joined(separator: ", ") + " and \(names.count - 3) more" : names.joined(separator: ", ")
    }
}
