import Foundation
import Testing
@testable import CouncilCLI

/// New sessions are named after the local date and time, written without ICU; the name is the one a
/// `DateFormatter` with "yyyy-MM-dd-HHmm" in the same time zone gives.
struct SessionNameDateTests {
    @Test(arguments: [0, 951_825_599, 1_709_164_800, 1_764_115_259.9, 1_767_225_599, 4_102_444_799])
    func theNameIsTheLocalDateAndTime(_ seconds: Double) {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd-HHmm"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        let date = Date(timeIntervalSince1970: seconds)
        #expect(SessionNames.dateAndTime(date) == formatter.string(from: date))
    }

    @Test func aTakenNameGetsACounter() {
        let date = Date(timeIntervalSince1970: 1_764_115_200)
        let base = SessionNames.dateAndTime(date)
        #expect(SessionNames.fresh(existing: [base, "\(base)-2"], now: date) == "\(base)-3")
    }
}
