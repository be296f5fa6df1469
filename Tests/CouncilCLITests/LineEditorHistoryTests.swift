import Foundation
import Testing
import CEditLine
@testable import CouncilCLI

/// libedit's history is process-global, so these run one at a time.
@Suite(.serialized) struct LineEditorHistoryTests {
    @Test func createsTheDirectoryAndSavesEachEntryPrivately() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("council-history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("state/council/history")

        let editor = LineEditor(historyFile: file)
        #expect(FileManager.default.fileExists(atPath: file.deletingLastPathComponent().path))

        editor.remember("first question")
        editor.remember("   ")
        editor.remember("second question")
        editor.remember("second question")
        let saved = try String(contentsOf: file, encoding: .utf8)
        #expect(saved.contains("first"))
        #expect(saved.contains("second"))
        #expect(saved.components(separatedBy: "second").count == 2, "consecutive duplicates are kept once")
        // A new run loads the file and does not repeat its newest entry.
        let nextRun = LineEditor(historyFile: file)
        nextRun.remember("second question")
        let savedAgain = try String(contentsOf: file, encoding: .utf8)
        #expect(savedAgain.components(separatedBy: "second").count == 2, "newest loaded entry is not repeated")
        nextRun.remember("third question")
        let finalHistory = try String(contentsOf: file, encoding: .utf8)
        #expect(finalHistory.contains("third"))
        #expect(finalHistory.components(separatedBy: "first").count == 2, "loading does not duplicate entries")

        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aMultiLineEntryIsOneHistoryEntryAcrossRuns() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("council-history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("history")
        LineEditor(historyFile: file).remember("line one\n  line two")
        _ = LineEditor(historyFile: file)
        #expect(council_history_newest().map { String(cString: $0) } == "line one\n  line two")
    }
}
