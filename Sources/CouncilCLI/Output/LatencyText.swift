import CouncilCore

/// How `/models` says which timeout and hedge delay a model has and why:
/// `12.3 s auto (1.5 × p95 8.2 s, 34 answers)`, `30 s tier (auto: 7 of 20 answers)`, `auto 0.9 s (p95 first token)`.
enum LatencyText {
    static func timeout(_ timeout: LatencyPlanner.Timeout, origin: CallPlanner.Origin) -> String {
        let value = DurationText.seconds(timeout.value)
        switch timeout.reason {
        case .own: return "\(value) model"
        case .stage: return "\(value) \(origin.rawValue)"
        case .auto(let p95, let answers):
            return "\(DurationText.elapsed(timeout.value)) auto (\(ConfigRenderer.number(LatencyPlanner.margin)) × p95 "
                + "\(DurationText.elapsed(p95)), \(Plural.count(answers, "answer")))"
        case .latest(let latest):
            return "\(DurationText.elapsed(timeout.value)) auto (\(ConfigRenderer.number(LatencyPlanner.margin)) × the latest answer "
                + "\(DurationText.elapsed(latest)), slower than the p95)"
        case .waiting(let answers):
            return "\(value) tier (auto: \(answers) of \(LatencyPlanner.minimumSamples) answers)"
        case .standingDown(let timeouts):
            return "\(value) tier (auto stands down: the last \(timeouts) calls timed out)"
        }
    }

    static func hedge(_ hedge: LatencyPlanner.Hedge) -> String {
        switch hedge.reason {
        case .off: "off"
        case .number: hedge.delay.map(DurationText.seconds) ?? "off"
        case .auto: "auto \(hedge.delay.map(DurationText.elapsed) ?? "?") (p95 first token)"
        case .waiting(let samples): "auto: \(samples) of \(LatencyPlanner.minimumSamples)"
        }
    }
}
