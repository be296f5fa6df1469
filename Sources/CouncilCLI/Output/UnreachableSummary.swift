import CouncilCore

/// The models that cannot be called (no key, no provider), in one line grouped by reason: ten models
/// behind one missing key are one thing to fix, not ten rows of a table.
enum UnreachableSummary {
    /// `among`: only models the configuration uses (a tier or the chairman) are worth a word; the
    /// built-in catalogue a configuration does not use is not news.
    static func line(_ unreachable: [ModelID: String], among used: [ModelID]? = nil) -> String? {
        let unreachable = used.map { used in unreachable.filter { used.contains($0.key) } } ?? unreachable
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
