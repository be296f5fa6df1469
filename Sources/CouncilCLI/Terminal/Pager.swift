import Foundation
import Glibc

/// Long output on a terminal goes through `$PAGER` (default `less -R`), as git does: `LESS=FRX` unless
/// set, so what fits on one screen is printed and the pager quits at once. Started with `posix_spawn`
/// so it keeps our terminal (Foundation's `Process` would detach it).
struct Pager {
    let command: String
    let environment: [String: String]

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        var environment = environment
        if (environment["LESS"] ?? "").isEmpty { environment["LESS"] = "FRX" }
        self.environment = environment
        command = (environment["PAGER"]?.trimmingCharacters(in: .whitespaces)).flatMap { $0.isEmpty ? nil : $0 } ?? "less -R"
    }

    /// Pages `text` when it is longer than the terminal; false when it was not paged (too short, no
    /// pager configured, or the pager could not start), so the caller prints it instead.
    func page(_ text: String, rows: Int) -> Bool {
        guard command != "cat", text.reduce(0, { $0 + ($1 == "\n" ? 1 : 0) }) + 1 > max(rows - 1, 1) else { return false }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return false }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, ends[1])
        let arguments = ["/bin/sh", "-c", command]
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let started = posix_spawn(&pid, "/bin/sh", &actions, nil, &argv, &envp) == 0
        close(ends[0])
        guard started else { close(ends[1]); return false }
        // A pager that quits early closes the pipe: a write then fails instead of killing us.
        let previous = signal(SIGPIPE, SIG_IGN)
        text.utf8CString.withUnsafeBufferPointer { buffer in
            var offset = 0
            let count = buffer.count - 1  // without the terminating NUL
            while offset < count {
                let written = write(ends[1], buffer.baseAddress! + offset, count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
        close(ends[1])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        signal(SIGPIPE, previous)
        return true
    }
}
