/// Timeouts and budgets a person can mean: a tenth of a second up to a day. Outside that range a
/// value is a typo (and a huge one would overflow a `Duration`).
public enum TimeoutSeconds {
    public static let range = 0.1...86_400.0

    public static func duration(_ seconds: Double) -> Duration? {
        guard seconds.isFinite, range.contains(seconds) else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}
