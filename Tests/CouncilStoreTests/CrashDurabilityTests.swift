import CouncilCore
import Foundation
import GRDB
import Testing
@testable import CouncilStore

/// A real SIGKILL: a child process (this test binary, running only `writeUntilKilled`) appends
/// results and reports each one as it returns; the parent kills it mid-stream and reopens the file.
@Suite(.timeLimit(.minutes(2))) struct CrashDurabilityTests {
    static let childVariable = "COUNCIL_STORE_CRASH_CHILD_DB"
    static let reportsBeforeKill = 40

    #if os(Linux)
    /// The test binary is a plain executable only on Linux; on macOS it is an XCTest bundle.
    static let canRunChild = FileManager.default.isExecutableFile(atPath: "/proc/self/exe")
    #else
    static let canRunChild = false
    #endif

    @Test(.enabled(if: canRunChild && ProcessInfo.processInfo.environment[childVariable] == nil))
    func aKilledWriterLeavesEveryReturnedResultAndAnInterruptedTurn() async throws {
        let database = try TemporaryDatabase()
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        child.arguments = ["--testing-library", "swift-testing", "--filter", "writeUntilKilled"]
        child.environment = ProcessInfo.processInfo.environment.merging([Self.childVariable: database.path]) { $1 }
        let output = Pipe()
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        try child.run()

        let committed = await Self.readReports(from: output.fileHandleForReading, until: Self.reportsBeforeKill)
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal, "the child was killed, not finished")
        #expect(committed.count >= Self.reportsBeforeKill)

        let store = try database.open()
        #expect(store.interruptedOnOpen == 1)
        let newest = try #require(try await store.listSessions().first)
        let session = try #require(try await store.session(id: newest.id))
        let turn = try #require(try await store.turn(session: session.id!, number: 1))
        #expect(turn.turn.status == .interrupted)
        let stored = Set(turn.results.compactMap(\.id))
        #expect(Set(committed).isSubset(of: stored), "every result whose write returned is on disk")
        let integrity = try await store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
        #expect(integrity == "ok")
    }

    /// The child's half: runs only when the parent above starts it.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[childVariable] != nil))
    func writeUntilKilled() async throws {
        let path = try #require(ProcessInfo.processInfo.environment[Self.childVariable])
        let store = try CouncilStore(path: path)
        let session = try await store.createSession(named: "crash")
        let turn = try await store.beginTurn(session: session.id!, prompt: "p", tier: "t", models: ["m"])
        for index in 0..<100_000 {  // bounded, in case the parent is gone
            let result = try await store.appendResult(turn: turn.id!, stage: .generation, model: "m",
                                                      outcome: .arrived, text: "answer \(index)", latency: .zero)
            // Unbuffered, so the parent sees the report the moment the write has returned.
            FileHandle.standardOutput.write(Data("committed \(result.id!)\n".utf8))
        }
    }

    /// Reads "committed <id>" lines until `count` have come or the pipe closes.
    private static func readReports(from handle: FileHandle, until count: Int) async -> [Int64] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var ids: [Int64] = []
                var buffer = ""
                while ids.count < count {
                    let data = handle.availableData
                    if data.isEmpty { break }  // the child ended
                    buffer += String(decoding: data, as: UTF8.self)
                    while let newline = buffer.firstIndex(of: "\n") {
                        let line = buffer[..<newline]
                        buffer = String(buffer[buffer.index(after: newline)...])
                        if line.hasPrefix("committed "), let id = Int64(line.dropFirst("committed ".count)) {
                            ids.append(id)
                        }
                    }
                }
                continuation.resume(returning: ids)
            }
        }
    }
}
