import CouncilCore
import CouncilTestSupport
import Foundation
@testable import CouncilStore

/// A fresh directory per test holding a real SQLite file; removed when the test lets go of it.
final class TemporaryDatabase: Sendable {
    let directory: URL
    /// A nested path, so opening also proves parent directories are created.
    var path: String { directory.appendingPathComponent("data/council/council.db").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("council-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func open(clock: any EpochClock = TestClock()) throws -> CouncilStore {
        try CouncilStore(path: path, clock: clock)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }
}
