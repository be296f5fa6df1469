/// Durations as people read them; the one place that formats a `Duration` for the screen.
enum DurationText {
    /// `2.5 s`, `30 s`, `0.1 s`: at most one decimal, none when whole.
    static func seconds(_ duration: Duration) -> String {
        let tenths = (duration.seconds * 10).rounded()
        return (tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)) + " s"
    }

    /// `0.3 s`, `12.0 s`: a measured time (latency, elapsed), always one decimal so a live count
    /// keeps its width.
    static func elapsed(_ duration: Duration) -> String { String(format: "%.1f s", duration.seconds) }

    /// `45 s`, `10 min`, `2 min 30 s`: for breaker windows and cooldowns.
    static func minutes(_ duration: Duration) -> String {
        let total = Int(duration.seconds.rounded(.up))
        guard total >= 60 else { return "\(total) s" }
        return total % 60 == 0 ? "\(total / 60) min" : "\(total / 60) min \(total % 60) s"
    }
}

/// `1 model`, `3 models`.
enum Plural {
    static func count(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
