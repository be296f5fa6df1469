import Glibc

/// Ctrl-C before a one-shot command's turn starts (while its question is read from stdin, its
/// configuration loaded, or its database opened — which can wait on another writer for seconds):
/// the command ends with "cancelled" and status 130, whatever SIGINT disposition it inherited.
///
/// A shell without job control starts background commands with SIGINT ignored; the turn's own
/// `SignalWatcher` overrides that, so without this a Ctrl-C was lost before the turn and honoured
/// during it. The turn's watcher saves this handler and puts it back when the turn ends, so a
/// Ctrl-C while the results are being saved exits 130 too; everything shown was written unbuffered
/// and everything stored is in SQLite transactions, so `_exit` loses nothing.
public enum InterruptExit {
    public static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            // Only async-signal-safe calls: write(2) of a static buffer, then _exit.
            let message: StaticString = "cancelled\n"
            _ = write(STDERR_FILENO, message.utf8Start, message.utf8CodeUnitCount)
            _exit(130)
        }
        sigemptyset(&action.sa_mask)
        sigaction(SIGINT, &action, nil)
    }
}
