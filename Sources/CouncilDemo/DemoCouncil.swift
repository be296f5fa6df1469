import CouncilCore

/// The demo council: four simulated models with the seed's 2 s/3 s/4 s/5 s latencies (times the time
/// scale), and the limits that make their failures visible. Kept together so the timeout stays between
/// the normal latencies and the stall. Their names say what they do, not how long they take, since the
/// time scale changes that.
public enum DemoCouncil {
    public static let swift: ModelID = "demo/quick"
    public static let steady: ModelID = "demo/steady"
    public static let flaky: ModelID = "demo/flaky"
    public static let slow: ModelID = "demo/stalling"

    public static let models: [DemoModel] = [
        DemoModel(id: swift, latency: .seconds(2)),
        DemoModel(id: steady, latency: .seconds(3)),
        // Fails about every second call: with the seed's breaker (25 %, 5 requests) it opens within
        // about three turns (each turn calls it for an answer and a review).
        DemoModel(id: flaky, latency: .seconds(4), behaviour: .outages(rate: 0.5)),
        // A third of its calls stall for 30 s, far past the 8 s timeout.
        DemoModel(id: slow, latency: .seconds(5), behaviour: .stalls(rate: 0.35, stallFactor: 6)),
    ]

    public static let chairman: ModelID = steady
    public static let minResponses = 3
    /// The default scale: a turn takes a few seconds.
    public static let defaultTimeScale = 0.4

    /// Above every normal latency (at most 5 s × 1.15 jitter), far below a stall (30 s).
    public static func perModelTimeout(timeScale: Double) -> Duration { .seconds(8) * timeScale }

    /// Room for three stages of at most one timeout each.
    public static func budget(timeScale: Double) -> Duration { .seconds(25) * timeScale }
}
