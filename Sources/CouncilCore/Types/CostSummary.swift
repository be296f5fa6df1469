/// What a set of calls cost, said honestly: the sum of the costs that are known, and how many of
/// the models involved had every call priced ("≥ $0.0123, 2 of 3 models priced").
public struct CostSummary: Sendable, Equatable {
    /// The sum of the known costs, in US dollars.
    public var known: Double
    public var pricedModels: Int
    public var models: Int

    public init(known: Double, pricedModels: Int, models: Int) {
        self.known = known
        self.pricedModels = pricedModels
        self.models = models
    }

    /// From per-model usage: a model is priced when every one of its calls has a cost.
    public init(_ lines: [(model: ModelID, usage: Usage)]) {
        var unpriced = Set<ModelID>(), seen = Set<ModelID>()
        var known = 0.0
        for line in lines {
            seen.insert(line.model)
            if let cost = line.usage.cost { known += cost } else { unpriced.insert(line.model) }
        }
        self.init(known: known, pricedModels: seen.count - unpriced.count, models: seen.count)
    }

    public var isComplete: Bool { pricedModels == models }

    /// `$0.0123`, `≥ $0.0123, 2 of 3 models priced`, or `cost unknown`.
    public var text: String {
        let amount = "$" + String(format: "%.4f", known)
        if isComplete { return amount }
        if pricedModels == 0 { return "cost unknown" }
        return "≥ \(amount), \(pricedModels) of \(models) models priced"
    }
}

extension TurnResult {
    public var costSummary: CostSummary { CostSummary(usage.map { ($0.model, $0.usage) }) }
}
