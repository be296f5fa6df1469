import CouncilCore
import Foundation

/// Left-aligned columns, two spaces apart; the first row is the header.
enum Table {
    static func render(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// A breaker's state in words, for /models and /breakers.
enum BreakerText {
    static func describe(_ permission: CircuitBreaker.Permission) -> String {
        switch permission {
        case .allowed: "closed"
        case .trial: "half-open (next call is a trial)"
        case .blocked(let remaining) where remaining == .zero: "half-open (trial running)"
        case .blocked(let remaining): "open, \(DurationText.minutes(remaining)) left"
        }
    }

    /// One line for the board, said when the breaker changes state.
    static func announce(_ change: BreakerChange) -> String {
        let model = change.model.rawValue
        switch change.kind {
        case .opened(let failed, let total, let window, let cooldown):
            return "⛔ \(model): breaker opened — \(failed) of \(total) failed in \(DurationText.minutes(window)); skipped for \(DurationText.minutes(cooldown))"
        case .trialStarted:
            return "◐ \(model): breaker half-open — one trial request decides"
        case .closed:
            return "✔ \(model): breaker closed — the trial succeeded"
        case .reopened(let cooldown):
            return "⛔ \(model): breaker opened again — the trial failed; skipped for \(DurationText.minutes(cooldown))"
        }
    }

    /// The live window, e.g. `5 of 5`.
    static func window(_ window: (failed: Int, total: Int)) -> String { "\(window.failed) of \(window.total)" }
}

enum TimeText {
    static func short(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = Calendar.current.isDateInToday(date) ? "HH:mm" : "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
