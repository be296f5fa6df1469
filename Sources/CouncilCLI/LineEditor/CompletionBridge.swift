import CEditLine
import Glibc
import Synchronization

/// Connects libedit's C completion hooks to a Swift closure. libedit calls plain C function pointers
/// that cannot capture anything, so the provider and the candidates of the completion in progress live
/// in globals. They are touched only from the thread blocked in `readline` (the hooks run inside it)
/// and from `LineEditor.setCompletionProvider`, but a `Mutex` keeps that honest under Swift 6.
enum CompletionBridge {
    typealias Provider = @Sendable (_ line: String, _ word: String) -> [String]

    private static let provider = Mutex<Provider?>(nil)
    /// Candidates handed out one by one to `rl_completion_matches`'s generator.
    private static let pending = Mutex<(candidates: [String], next: Int)>(([], 0))

    static func setProvider(_ newProvider: Provider?) {
        provider.withLock { $0 = newProvider }
    }

    fileprivate static func candidates(line: String, word: String) -> [String] {
        guard let provide = provider.withLock({ $0 }) else { return [] }
        return provide(line, word)
    }

    fileprivate static func startHandingOut(_ candidates: [String]) {
        pending.withLock { $0 = (candidates, 0) }
    }

    /// The next candidate as a malloc'ed C string (libedit frees it), or NULL when done.
    fileprivate static func nextCandidate(restart: Bool) -> UnsafeMutablePointer<CChar>? {
        pending.withLock { pending in
            if restart { pending.next = 0 }
            guard pending.next < pending.candidates.count else { return nil }
            defer { pending.next += 1 }
            return strdup(pending.candidates[pending.next])
        }
    }
}

/// libedit's `rl_attempted_completion_function` (a plain function: C function pointers cannot come
/// from stored closures). `text` is the word before the cursor, `end` the cursor's position in
/// characters within the whole line.
func councilAttemptedCompletion(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    // Never fall back to libedit's file-name completion.
    council_rl_set_attempted_completion_over(1)
    guard let text else { return nil }
    let word = String(cString: text)
    let wholeLine = council_rl_line_buffer().map { String(cString: $0) } ?? word
    let beforeCursor = String(String.UnicodeScalarView(wholeLine.unicodeScalars.prefix(Int(max(end, 0)))))
    let candidates = CompletionBridge.candidates(line: beforeCursor, word: word)
    guard !candidates.isEmpty else { return nil }
    CompletionBridge.startHandingOut(candidates)
    return rl_completion_matches(text, councilNextCompletionMatch)
}

/// The generator `rl_completion_matches` calls with state 0, 1, 2, … until it returns NULL.
private func councilNextCompletionMatch(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    CompletionBridge.nextCandidate(restart: state == 0)
}
