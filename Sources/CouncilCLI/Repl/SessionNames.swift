import Foundation

/// Session names: shown in prompts and listings, so visible text on one line; new ones default to
/// the date and time, unique among the existing ones.
public enum SessionNames {
    static func trimmed(_ name: String) -> String { name.trimmingCharacters(in: .whitespaces) }

    /// Why `name` cannot name a session, or nil when it can.
    static func problem(with name: String) -> String? {
        let name = trimmed(name)
        guard !name.isEmpty, TerminalSanitizer.sanitize(name) == name, !name.contains("\n"), !name.contains("\t") else {
            return "a session name must be visible text on one line"
        }
        return nil
    }

    static func validated(_ name: String) throws -> String {
        if let problem = problem(with: name) { throw CLIError.message(problem) }
        return trimmed(name)
    }

    static func fresh(existing: [String], now: Date = Date()) -> String {
        let base = dateAndTime(now)
        var name = base
        var counter = 2
        while existing.contains(name) {
            name = "\(base)-\(counter)"
            counter += 1
        }
        return name
    }

    /// `yyyy-MM-dd-HHmm` in local time, from the C library: a `DateFormatter` would load ICU's calendar
    /// and locale data, megabytes kept for the life of the REPL, for four numbers.
    static func dateAndTime(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var local = tm()
        localtime_r(&seconds, &local)
        func digits(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(digits(local.tm_year + 1900, 4))-\(digits(local.tm_mon + 1, 2))-\(digits(local.tm_mday, 2))-"
            + "\(digits(local.tm_hour, 2))\(digits(local.tm_min, 2))"
    }

    /// `serve-2026-12-02`: the day's session of a served surface (`serve`, `mcp`), so that a server
    /// running for weeks leaves sessions of a day's size, and `council sessions` lists them by date.
    public static func daily(_ surface: String, on date: Date = Date()) -> String {
        "\(surface)-" + dateAndTime(date).prefix(10)
    }

    /// A session the prompt does not continue: one-shot questions (`ask`) and served turns live apart.
    static func isApart(_ name: String) -> Bool {
        guard name != OneShot.sessionName else { return true }
        // `serve-` or `mcp-` and a date (no Regex: the prompt's start stays clear of its engine).
        guard let surface = ["serve-", "mcp-"].first(where: name.hasPrefix) else { return false }
        let date = Array(name.utf8.dropFirst(surface.utf8.count))
        return date.count == 10 && date.indices.allSatisfy { [4, 7].contains($0) ? date[$0] == UInt8(ascii: "-") : (48...57).contains(date[$0]) }
    }
}
