import Glibc

/// While a turn runs, keys typed on the terminal are not echoed into the status board; they wait
/// for the next prompt, as type-ahead does in a shell. Ctrl-C still reaches the program (ISIG stays on).
struct TypeAheadGuard {
    private var saved: termios?

    /// Turns echo off when stdin is a terminal.
    static func engage() -> TypeAheadGuard {
        var current = termios()
        guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &current) == 0 else { return TypeAheadGuard(saved: nil) }
        var quiet = current
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
        return TypeAheadGuard(saved: current)
    }

    /// Restores the terminal as it was; what was typed meanwhile shows up at the next prompt.
    func release() {
        guard var saved else { return }
        tcsetattr(STDIN_FILENO, TCSANOW, &saved)
    }
}
