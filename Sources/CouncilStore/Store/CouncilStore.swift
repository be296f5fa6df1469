import CouncilCore
import Foundation
import GRDB
import Synchronization

/// The sessions database: one SQLite file in WAL mode, shared safely by several processes.
///
/// Every method writes in its own short transaction, so what returned is on disk: a process
/// killed at any moment leaves a file that opens and holds every finished result.
public final class CouncilStore: Sendable {
    public let path: String
    /// How many `running` turns of dead processes this open marked `interrupted`.
    public let interruptedOnOpen: Int

    let pool: DatabasePool
    let clock: any EpochClock
    /// The models whose saved breakers turns have read, and the writer connection's `PRAGMA data_version`
    /// then: while it is unchanged no other connection has committed anything, and they need no new read.
    let breakersRead = Mutex<(version: Int, models: Set<ModelID>)?>(nil)

    /// How long a write waits for another process's transaction before failing.
    static let busyTimeout: TimeInterval = 10

    /// Opens (creating the file and its parent directories if needed) and migrates the database,
    /// then marks orphaned `running` turns `interrupted`.
    public init(path: String, clock: any EpochClock = SystemClock()) throws {
        let url = URL(fileURLWithPath: path)
        // Prompts and answers are private: the directory and the database are the user's alone.
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try Self.createPrivateFile(path)
        var configuration = Configuration()
        configuration.label = "council"
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.foreignKeysEnabled = true
        // DatabasePool turns on WAL with synchronous NORMAL: commits survive a killed process.
        self.pool = try Self.openPool(path: path, configuration: configuration)
        self.path = path
        self.clock = clock
        try StoreSchema.migrate(pool)
        self.interruptedOnOpen = try pool.write { [clock] db in
            try OrphanedTurnSweep.run(db, now: clock.now.date)
        }
    }

    /// Creates the file 0600 unless it exists. `O_EXCL` and never `FileManager.createFile`, which
    /// writes a temporary file and renames it over the path: two processes creating the database at
    /// once had the second replace the file the first had already written to, losing its writes.
    private static func createPrivateFile(_ path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            close(descriptor)
        } else if errno != EEXIST {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path,
                                                           NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
    }

    /// Two processes opening a new file at once both switch it to WAL, and SQLite answers the loser
    /// SQLITE_BUSY at once, without waiting out the busy timeout. The switch is made once per file:
    /// a retry finds it done.
    private static func openPool(path: String, configuration: Configuration) throws -> DatabasePool {
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
    }

    /// The current time from the injected clock, as stored.
    var now: Date { clock.now.date }
}
