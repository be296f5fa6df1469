import CouncilCore
import CouncilStore

/// Turns `timeout:` and `hedge_after:` choices into the durations one model's call carries in one
/// stage, from that model's recent latency in that stage (`CouncilStore.recentLatency`).
public struct LatencyPlanner: Sendable {
    /// Samples `auto` needs before it trusts a p95: with 20, the p95 is the 19th of 20 answers, so a
    /// single hang does not set it; with fewer it is close to the maximum of a handful.
    public static let minimumSamples = 20
    /// `timeout: auto` is this many times the p95: room for the slow answers past the p95 (one in
    /// twenty) without waiting out a hung one for the tier's whole timeout.
    public static let margin = 1.5
    /// An `auto` timeout never goes below this: a model that answers in 300 ms still gets a cold
    /// connection (DNS, TLS) or a short queue at its gateway, which cost seconds; cutting an answer
    /// that was coming costs the turn more than waiting a few seconds for a hung one.
    public static let floor: Duration = .seconds(5)
    /// After this many timeouts in a row, `auto` stands down for the next call, which gets the stage's
    /// timeout: a model that became slower (a busier backend, a longer conversation) would otherwise be
    /// cut at its old timeout for good, as a cut call adds no answer to raise the p95. A hang now and
    /// then (one call in ten) seldom comes twice in a row.
    public static let timeoutsBeforeStandingDown = 2

    public let stats: LatencyStats

    public init(stats: LatencyStats) { self.stats = stats }

    /// The timeout a model gets and why, for `CallSettings` and `/models`.
    public struct Timeout: Sendable, Equatable {
        public enum Reason: Sendable, Equatable {
            /// A number of the model's own (`models.ID.timeout`).
            case own
            /// The stage's: a number for the whole tier (or the session, or a flag).
            case stage
            /// `auto`, from `answers` arrived answers whose p95 was `p95`.
            case auto(p95: Duration, answers: Int)
            /// `auto` from the newest answer, which took `latest`, longer than the p95: the model is
            /// getting slower, and the window's p95 has not caught up yet.
            case latest(Duration)
            /// `auto` standing down: the newest `timeouts` calls timed out, this one gets the stage's.
            case standingDown(timeouts: Int)
            /// `auto` without enough answers yet: the stage's.
            case waiting(answers: Int)
        }
        public var value: Duration
        public var reason: Reason
        /// The engine's field: nil when the stage's timeout applies anyway.
        public var own: Duration? {
            switch reason {
            case .stage, .waiting, .standingDown: nil
            case .own, .auto, .latest: value
            }
        }
    }

    /// The hedge delay a model gets and why.
    public struct Hedge: Sendable, Equatable {
        public enum Reason: Sendable, Equatable {
            case off, number
            /// `auto`, the p95 time to first token of `samples` answers.
            case auto(samples: Int)
            /// `auto` without enough samples yet: off.
            case waiting(samples: Int)
        }
        public var delay: Duration?
        public var reason: Reason
    }

    /// `choice` for `model` in `stage`, never past `stageTimeout`. `own` says the number is the
    /// model's own rather than the stage's.
    public func timeout(_ choice: TimeoutChoice, own: Bool, model: ModelID, stage: Stage, stageTimeout: Duration) -> Timeout {
        switch choice {
        case .seconds(let seconds):
            return own ? Timeout(value: min(seconds, stageTimeout), reason: .own) : Timeout(value: stageTimeout, reason: .stage)
        case .auto:
            let recent = stats[model, stage]
            guard recent.answers >= Self.minimumSamples, let p95 = recent.latencyP95 else {
                return Timeout(value: stageTimeout, reason: .waiting(answers: recent.answers))
            }
            if recent.timeoutsInARow >= Self.timeoutsBeforeStandingDown {
                return Timeout(value: stageTimeout, reason: .standingDown(timeouts: recent.timeoutsInARow))
            }
            let latest = recent.latestAnswer.flatMap { $0 > p95 ? $0 : nil }
            let value = min(max((latest ?? p95) * Self.margin, Self.floor), stageTimeout)
            return Timeout(value: value, reason: latest.map { .latest($0) } ?? .auto(p95: p95, answers: recent.answers))
        }
    }

    public func hedge(_ choice: HedgeChoice, model: ModelID, stage: Stage) -> Hedge {
        switch choice {
        case .off: return Hedge(delay: nil, reason: .off)
        case .seconds(let seconds): return Hedge(delay: seconds, reason: .number)
        case .auto:
            let recent = stats[model, stage]
            guard recent.firstTokens >= Self.minimumSamples, let p95 = recent.firstTokenP95 else {
                return Hedge(delay: nil, reason: .waiting(samples: recent.firstTokens))
            }
            return Hedge(delay: p95, reason: .auto(samples: recent.firstTokens))
        }
    }
}
