import CouncilCore

/// How one model has fared over every stored result.
public struct ModelStats: Sendable, Equatable {
    public var model: ModelID
    public var arrived = 0
    public var timedOut = 0
    public var failed = 0
    public var cancelled = 0
    public var blocked = 0
    /// Reviews that came back without a usable ranking: the model answered (it is available) but lost
    /// its ballot. Not failures.
    public var unranked = 0
    /// Nearest-rank percentiles of the latencies of answers that arrived; nil when none did.
    public var latencyP50: Duration?
    public var latencyP95: Duration?

    public init(model: ModelID) { self.model = model }

    /// Requests that left the machine (a blocked model was never called).
    public var calls: Int { arrived + unranked + timedOut + failed + cancelled }
    public var failures: Int { timedOut + failed }

    /// Arrived over arrived plus failures; a cancellation says nothing about the model, as for its
    /// breaker. Nil when no call was decided.
    public var successRate: Double? {
        let answered = arrived + unranked
        let decided = answered + failures
        return decided == 0 ? nil : Double(answered) / Double(decided)
    }
}
