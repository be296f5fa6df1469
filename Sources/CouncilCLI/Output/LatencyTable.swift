import CouncilCore
import CouncilStore

/// The latency tables: what `/models` says each council model gets (timeout and hedge in stage 1,
/// and the chairman's in synthesis), and what `/stats` measured per model and stage.
struct LatencyTable {
    let names: ModelNames

    /// One row per model of the council (its answer, stage 1), then the chairman's synthesis call.
    func settings(council: [ModelID], chairman: ModelID, planner: CallPlanner) -> String {
        var rows = [["model", "timeout", "hedge"]]
        func add(_ label: String, _ model: ModelID, _ stage: Stage) {
            rows.append([label, LatencyText.timeout(planner.timeout(stage, model), origin: planner.timeoutChoice(for: model).origin),
                         LatencyText.hedge(planner.hedge(stage, model))])
        }
        for model in council { add(names.short(model), model, .generation) }
        add("\(names.short(chairman)) · synthesis", chairman, .synthesis)
        return Table.render(rows)
    }

    /// Per model and stage over the newest stored calls: answers, latency p50/p95, first token p50/p95, hedges.
    func measured(_ stats: LatencyStats) -> String {
        var rows = [["model", "stage", "answers", "p50", "p95", "1st token p50", "p95", "hedged"]]
        for model in stats.entries.keys.sorted() {
            for stage in Stage.allCases {
                guard let entry = stats.entries[model]?[stage] else { continue }
                rows.append([names.short(model), stage.rawValue, String(entry.answers),
                             text(entry.latencyP50), text(entry.latencyP95),
                             text(entry.firstTokenP50), text(entry.firstTokenP95), String(entry.hedged)])
            }
        }
        return Table.render(rows)
    }

    private func text(_ duration: Duration?) -> String { duration.map(DurationText.elapsed) ?? "–" }
}
