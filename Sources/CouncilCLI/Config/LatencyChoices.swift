import CouncilCore

/// `timeout:` as written for a tier or a model: a number of seconds, or `auto` — the model's own
/// timeout from its stored latency in each stage (see `LatencyPlanner`).
public enum TimeoutChoice: Sendable, Equatable, CustomStringConvertible {
    case seconds(Duration)
    case auto

    public var description: String {
        switch self {
        case .seconds(let duration): DurationText.seconds(duration)
        case .auto: "auto"
        }
    }
}

/// `hedge_after:` as written at the top level, for a tier or a model: `off`, a number of seconds
/// without a first token before the same request is sent once more, or `auto` (the model's stored
/// p95 time to first token in that stage).
public enum HedgeChoice: Sendable, Equatable, CustomStringConvertible {
    case off
    case seconds(Duration)
    case auto

    public var description: String {
        switch self {
        case .off: "off"
        case .seconds(let duration): DurationText.seconds(duration)
        case .auto: "auto"
        }
    }
}

extension TimeoutChoice {
    /// As a session stores it, for the parser to read back: `2.5`, `auto`.
    static let text: @Sendable (TimeoutChoice) -> String = { choice in
        if case .seconds(let duration) = choice { return ConfigRenderer.number(duration.seconds) }
        return choice.description
    }
}

extension HedgeChoice {
    /// As a session stores it, for the parser to read back: `off`, `1.5`, `auto`.
    static let text: @Sendable (HedgeChoice) -> String = { choice in
        if case .seconds(let duration) = choice { return ConfigRenderer.number(duration.seconds) }
        return choice.description
    }
}

extension ValueParser where Value == TimeoutChoice {
    static let timeout = ValueParser(expected: "a number of seconds from 0.1 to 86400, or auto", choices: ["auto"],
                                     alsoOtherValues: true) { text in
        if text.lowercased() == "auto" { return .auto }
        return ValueParser<Duration>.seconds.parse(text).map { .seconds($0) }
    }
}

extension ValueParser where Value == HedgeChoice {
    static let hedge = ValueParser(expected: "off, a number of seconds from 0.1 to 86400, or auto", choices: ["off", "auto"],
                                           alsoOtherValues: true) { text in
        switch text.lowercased() {
        case "off": return .off
        case "auto": return .auto
        default: return ValueParser<Duration>.seconds.parse(text).map { .seconds($0) }
        }
    }
}
