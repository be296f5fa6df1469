import Foundation

/// Lets the user write a prompt in their own editor (`/edit`): `$VISUAL`, else `$EDITOR`, else `vi`,
/// run through `/bin/sh -c` so values such as `code --wait` work, attached to the terminal.
public struct ExternalEditor: Sendable {
    /// The editor command line as the user configured it.
    public let command: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let configured = [environment["VISUAL"], environment["EDITOR"]]
            .compactMap { $0?.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty }
        command = configured ?? "vi"
    }

    /// Opens `text` in the editor and returns what was saved, without trailing newlines. Nil when
    /// the editor could not run or exited with an error, or the result is empty.
    public func edit(_ text: String = "") -> String? {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("council-\(UUID().uuidString).md")
        guard FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8),
                                             attributes: [.posixPermissions: 0o600]) else { return nil }
        defer { try? FileManager.default.removeItem(at: file) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The path is passed as $1, so it never needs quoting inside the command.
        process.arguments = ["-c", command + " \"$1\"", "council-editor", file.path]
        do {
            try process.run()
        } catch {
            return nil
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0,
              let data = try? Data(contentsOf: file) else { return nil }
        var edited = String(decoding: data, as: UTF8.self)
        while edited.last?.isNewline == true { edited.removeLast() }
        return edited.allSatisfy(\.isWhitespace) ? nil : edited
    }
}
