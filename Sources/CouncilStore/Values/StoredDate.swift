import Foundation
import GRDB

/// Dates as GRDB stores them, "yyyy-MM-dd HH:mm:ss.SSS" in UTC, written and read with integer
/// arithmetic: GRDB's own codec goes through a `DateFormatter` and a `Calendar`, whose first use maps
/// megabytes of ICU data that then stay resident for the life of the REPL (issue 15). The text and the
/// `Date` are the ones GRDB gives, to the last bit; anything outside the plain form goes to GRDB.
enum StoredDate {
    private static let unixToReference: Int64 = 978_307_200
    private static let daysToReference: Int64 = 11_323  // 1970-01-01 to 2001-01-01
    private static let msPerDay: Int64 = 86_400_000

    /// The stored text of `date`; milliseconds rounded half up, as `DateFormatter` does.
    static func text(_ date: Date) -> String {
        let ms = ((date.timeIntervalSinceReferenceDate + Double(unixToReference)) * 1000 + 0.5).rounded(.down)
        // 1970 to 9999: four-digit years of the proleptic Gregorian calendar ICU also uses there.
        guard ms >= 0, ms < 253_402_300_800_000 else { return String.fromDatabaseValue(date.databaseValue) ?? "" }
        let total = Int64(ms)
        let (year, month, day) = civil(fromDays: total / msPerDay)
        let inDay = total % msPerDay, seconds = inDay / 1000
        return "\(digits(year, 4))-\(digits(month, 2))-\(digits(day, 2)) "
            + "\(digits(seconds / 3600, 2)):\(digits(seconds / 60 % 60, 2)):\(digits(seconds % 60, 2)).\(digits(inDay % 1000, 3))"
    }

    /// The date of a stored value: the plain form here, anything else (other SQLite date forms,
    /// numbers) as GRDB reads it.
    static func date(_ value: DatabaseValue) -> Date? {
        if let text = String.fromDatabaseValue(value), let date = plainDate(text) { return date }
        return Date.fromDatabaseValue(value)
    }

    /// The `Date` GRDB's calendar computes, in the same order of operations (so equal to the last bit).
    static func plainDate(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 23 else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), let ms = number(20..<23),
              year >= 1970, (1...12).contains(month) else { return nil }
        let days = days(fromYear: year, month: month, day: day) - daysToReference
        let date = Date(timeIntervalSinceReferenceDate: Double(days * 86_400)
            + (Double(hour * 3600 + minute * 60 + second) + Double(ms) / 1000))
        // Only the canonical form: a day 31 of April or an hour 24 is GRDB's to interpret.
        return Self.text(date) == text ? date : nil
    }

    /// Year, month, day of a day count from 1970-01-01 (Howard Hinnant's `civil_from_days`).
    private static func civil(fromDays count: Int64) -> (Int64, Int64, Int64) {
        let shifted = count + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days from 1970-01-01 to a date (Howard Hinnant's `days_from_civil`), for years from 1970.
    private static func days(fromYear year: Int64, month: Int64, day: Int64) -> Int64 {
        let marchYear = month <= 2 ? year - 1 : year
        let era = marchYear / 400
        let yearOfEra = marchYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
    }

    private static func digits(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

/// Records whose dates go through `StoredDate` rather than GRDB's ICU-backed default.
protocol StoredDateCoding: FetchableRecord, EncodableRecord {}

extension StoredDateCoding {
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .custom { StoredDate.text($0) }
    }

    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .custom { StoredDate.date($0) }
    }
}
