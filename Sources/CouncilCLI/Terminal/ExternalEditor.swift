import Foundation
import Glibc

/// Lets the user write a prompt in their own editor (`/edit`): `$VISUAL`, else `$EDITOR`, else `vi`,
/// run through `/bin/sh -c` so values such as `code --wait` work, attached to the terminal.
///
/// Started with `posix_spawn`, not Foundation's `Process`: on Linux `Process` puts the child in a
/// new session, away from the terminal, and vim exits with "Error reading input".
public struct ExternalEditor: Sendable {
    /// The editor command line as the user configured it.
    public let command: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let configured = [environment["VISUAL"], environment["EDITOR"]]
            .compactMap { $0?.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty }
        command = configured ?? "vi"
    }

    /// Why editing produced nothing to send.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var command: String
        /// The editor's exit status; nil when it could not be started or its file not read.
        public var status: Int32?

        public var description: String {
            guard let status else { return "the editor '\(command)' could not be run" }
            return "the editor '\(command)' exited with status \(status)" + (status == 127 ? " (command not found)" : "")
        }
    }

    /// Opens `text` in the editor and returns what was saved, without trailing newlines; nil when the
    /// result is empty. Throws `Failure` when the editor cannot run or exits with an error.
    public func edit(_ text: String = "") throws(Failure) -> String? {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("council-\(UUID().uuidString).md")
        guard FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8),
                                             attributes: [.posixPermissions: 0o600]) else { throw Failure(command: command) }
        defer { try? FileManager.default.removeItem(at: file) }

        // The path is passed as $1, so it never needs quoting inside the command.
        let status = run(["/bin/sh", "-c", command + " \"$1\"", "council-editor", file.path])
        guard status == 0 else { throw Failure(command: command, status: status) }
        guard let data = try? Data(contentsOf: file) else { throw Failure(command: command) }
        var edited = String(decoding: data, as: UTF8.self)
        while edited.last?.isNewline == true { edited.removeLast() }
        return edited.allSatisfy(\.isWhitespace) ? nil : edited
    }

    /// Runs a program in our process group with our terminal; its exit status, nil when it could not
    /// be started or was killed by a signal.
    private func run(_ arguments: [String]) -> Int32? {
        // Ctrl-C in a line-mode editor reaches us too: ignore it here, default it in the child.
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        sigemptyset(&ignore.sa_mask)
        var previous = sigaction()
        sigaction(SIGINT, &ignore, &previous)
        defer { sigaction(SIGINT, &previous, nil) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaulted = sigset_t()
        sigemptyset(&defaulted)
        sigaddset(&defaulted, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaulted)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var pid = pid_t()
        guard posix_spawn(&pid, arguments[0], nil, &attributes, &argv, &envp) == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return nil }
        }
        let exitedNormally = status & 0x7F == 0
        return exitedNormally ? (status >> 8) & 0xFF : nil
    }
}
