import CEditLine
import Foundation
import Glibc

/// Interactive input over libedit: editing keys, history that survives across runs (up arrow recalls
/// earlier sessions' lines), tab completion from a caller-supplied provider, multi-line entries
/// (see `MultilineJoiner`) and Ctrl-C that discards the line instead of ending the program.
///
/// Use it only when stdin and stdout are both terminals (`TerminalInfo.usesLineEditor`); libedit's
/// readline API is process-global, so create one per process.
public final class LineEditor: LineSource {
    /// Shown instead of the prompt while an entry continues.
    public var continuationPrompt: String
    private let historyFile: URL?
    private var lastHistoryEntry: String?

    /// - Parameters:
    ///   - historyFile: where input history is loaded from and saved to after every line; its
    ///     directory is created. Nil keeps history in memory only.
    ///   - maxHistoryEntries: older entries are dropped beyond this many.
    public init(historyFile: URL?, maxHistoryEntries: Int32 = 1000, continuationPrompt: String = "...> ") {
        self.historyFile = historyFile
        self.continuationPrompt = continuationPrompt
        // Without a UTF-8 locale libedit silently drops non-ASCII input.
        CharacterLocale.adoptForLineEditing()
        council_rl_set_readline_name(strdup("council"))
        council_rl_set_catch_signals(1)
        council_rl_set_completion_append_character(0)
        council_rl_set_word_break_characters(strdup(" \t\n"))
        council_rl_set_attempted_completion_function(councilAttemptedCompletion)
        stifle_history(maxHistoryEntries)
        clear_history() // history is process-global: a new editor starts from its own file
        if let historyFile {
            try? FileManager.default.createDirectory(
                at: historyFile.deletingLastPathComponent(), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            _ = read_history(historyFile.path)
        }
        lastHistoryEntry = council_history_newest().map { String(cString: $0) }
    }

    /// Sets what tab completion offers: `(line before the cursor, word being completed) -> candidates`.
    /// Candidates should start with the word. `CommandCompleter.candidates(line:word:)` fits.
    public func setCompletionProvider(_ provider: (@Sendable (_ line: String, _ word: String) -> [String])?) {
        CompletionBridge.setProvider(provider)
    }

    /// Reads one entry. On `.interrupt` and `.endOfInput` a newline has been written, so whatever the
    /// caller prints next starts at the left margin. Ctrl-D inside an unfinished entry discards it.
    public func readLine(prompt: String) -> LineInput {
        var joiner = MultilineJoiner()
        while true {
            let (raw, interrupted) = PromptInterrupt.catching {
                readline(joiner.isContinuing ? continuationPrompt : prompt)
            }
            guard let raw else {
                FileHandle.standardOutput.write(Data("\n".utf8))
                return interrupted ? .interrupt : .endOfInput
            }
            let line = String(cString: raw)
            free(raw)
            // The whole entry goes into history, so Up recalls a multi-line block at once.
            if case let .complete(entry) = joiner.add(line) {
                remember(entry)
                return .line(entry)
            }
        }
    }

    /// Adds an entry to history and saves the file at once, so a crash loses nothing.
    func remember(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace), line != lastHistoryEntry else { return }
        lastHistoryEntry = line
        add_history(line)
        guard let historyFile else { return }
        if write_history(historyFile.path) == 0 {
            chmod(historyFile.path, 0o600) // prompts can be private
        }
    }
}
