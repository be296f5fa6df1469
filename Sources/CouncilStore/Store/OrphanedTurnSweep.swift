import Foundation
import GRDB

/// Marks `interrupted` every `running` turn whose process is gone.
///
/// A turn of a process that is still alive (another REPL on the same file) is left running.
/// A turn of this very process belongs to a store instance that was dropped, so it is orphaned too.
enum OrphanedTurnSweep {
    static func run(_ db: Database, now: Date) throws -> Int {
        let running = try TurnRecord.filter(TurnRecord.Columns.status == StoredTurnStatus.running).fetchAll(db)
        let orphans = running.filter { turn in
            guard let pid = turn.ownerPID, pid != ProcessInfo.processInfo.processIdentifier else { return true }
            return !ProcessLiveness.isAlive(pid)
        }.compactMap(\.id)
        guard !orphans.isEmpty else { return 0 }
        return try TurnRecord
            .filter(keys: orphans)
            .updateAll(db, TurnRecord.Columns.status.set(to: StoredTurnStatus.interrupted),
                       TurnRecord.Columns.ended.set(to: StoredDate.text(now)))
    }
}
