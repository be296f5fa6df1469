import Foundation
import GRDB
import Testing
@testable import CouncilStore

/// The store writes and reads dates itself (no ICU) and must agree with GRDB's own codec to the bit.
struct StoredDateTests {
    /// Whole-millisecond dates, half-millisecond boundaries, before and after 2001, leap days, day ends.
    static let dates: [Date] = {
        var dates = [0, 0.0005, 0.9995, 0.4999, 951_782_399.9996, 951_868_800, 978_307_199.999, 978_307_200,
                     1_709_164_800.0005, 1_764_115_200.123, 4_102_444_799.9994, 253_402_300_799.999]
            .map { Date(timeIntervalSince1970: $0) }
        var generator = SplitMix(seed: 15)
        for _ in 0..<5000 {
            let seconds = Double(generator.next() % 4_102_444_800)
            let fraction = Double(generator.next() % 1_000_000) / 1_000_000
            dates.append(Date(timeIntervalSince1970: seconds + fraction))
        }
        return dates
    }()

    @Test func textIsGRDBsText() {
        let mismatches = Self.dates.filter { StoredDate.text($0) != String.fromDatabaseValue($0.databaseValue) }
        #expect(mismatches.isEmpty, "first: \(mismatches.first.map { "\($0.timeIntervalSince1970)" } ?? "")")
    }

    @Test func dateIsGRDBsDate() {
        let texts = Self.dates.compactMap { String.fromDatabaseValue($0.databaseValue) }
        let mismatches = texts.filter { StoredDate.date($0.databaseValue) != Date.fromDatabaseValue($0.databaseValue) }
        #expect(mismatches.isEmpty, "first: \(mismatches.first ?? "")")
    }

    @Test(arguments: ["2024-02-30 00:00:00.000", "2024-01-01", "2024-01-01 12:30", "1969-12-31 23:59:59.999",
                      "2024-01-01T12:30:00.000", "2024-13-01 00:00:00.000", "not a date"])
    func otherFormsAreReadAsGRDBReadsThem(_ text: String) {
        #expect(StoredDate.plainDate(text) == nil)
        #expect(StoredDate.date(text.databaseValue) == Date.fromDatabaseValue(text.databaseValue))
    }

    @Test func numbersAreReadAsGRDBReadsThem() {
        #expect(StoredDate.date(1_700_000_000.5.databaseValue) == Date(timeIntervalSince1970: 1_700_000_000.5))
    }
}

/// A small seeded generator: the same dates on every run.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
