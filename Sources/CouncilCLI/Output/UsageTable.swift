import CouncilCore
import CouncilStore

/// `/stats`: tokens and cost per model, in this session and over every session, with a total line.
/// A call without a reported cost is priced from the configuration's table; what cannot be priced
/// makes the sum a lower bound, said so.
struct UsageTable {
    let prices: [ModelID: ModelPrice]
    let names: ModelNames

    func render(session: [ModelUsageRow], all: [ModelUsageRow]) -> String {
        let models = Set(all.map(\.model)).union(session.map(\.model)).sorted()
        var rows = [["model", "session tokens in/out (cached)", "session cost", "all tokens in/out (cached)", "all cost"]]
        for model in models {
            let mine = session.filter { $0.model == model }, every = all.filter { $0.model == model }
            rows.append([names.short(model), tokens(mine), cost(mine), tokens(every), cost(every)])
        }
        rows.append(["total", tokens(session), cost(session), tokens(all), cost(all)])
        return Table.render(rows)
    }

    private func tokens(_ rows: [ModelUsageRow]) -> String {
        let usage = rows.map(\.usage).reduce(Usage(), +)
        return "\(usage.promptTokens) / \(usage.completionTokens)" + (usage.cachedTokens > 0 ? " (\(usage.cachedTokens))" : "")
    }

    private func cost(_ rows: [ModelUsageRow]) -> String {
        guard !rows.isEmpty else { return "–" }
        let summary = CostSummary(rows.map { row in
            var usage = row.usage
            if usage.cost == nil { usage.cost = prices[row.model]?.cost(of: usage) }
            return (row.model, usage)
        })
        if summary.isComplete { return summary.text }
        return summary.pricedModels == 0 ? "unknown" : "≥ $" + String(format: "%.4f", summary.known)
    }
}
