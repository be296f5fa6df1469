import Foundation

/// Session names: shown in prompts and listings, so visible text on one line; new ones default to
/// the date and time, unique among the existing ones.
enum SessionNames {
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
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd-HHmm"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        let base = formatter.string(from: now)
        var name = base
        var counter = 2
        while existing.contains(name) {
            name = "\(base)-\(counter)"
            counter += 1
        }
        return name
    }
}
