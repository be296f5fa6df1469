import Foundation
import Testing
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
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
