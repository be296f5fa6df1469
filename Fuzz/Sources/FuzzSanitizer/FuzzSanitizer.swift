import CouncilCLI
import FuzzSupport

/// The terminal sanitiser on model-written text (`TerminalSanitizer`, `StreamSanitizer`).
///
/// Invariants, each checked (a broken one traps):
/// - it never crashes or hangs;
/// - its output holds no ESC (0x1B), no other C0 control but newline and tab, no DEL, no C1 control
///   (0x80–0x9F: 8-bit CSI, OSC, …) and no bidi mark, override or isolate (U+061C, U+200E, U+200F,
///   U+202A–U+202E, U+2066–U+2069);
/// - the output is a subsequence of the input's scalars (it only drops, never adds or reorders);
/// - the same text cut into deltas anywhere gives the same output as whole (a sequence split across
///   deltas is still recognised), and the whole once more through it is unchanged (idempotent).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSanitizer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let seed = input.takeByte()
    let text = input.text

    let whole = TerminalSanitizer.sanitize(text)
    if let bad = whole.unicodeScalars.first(where: isForbiddenOnTerminal) {
        invariant(false, "U+\(String(bad.value, radix: 16)) passed the sanitiser")
    }
    var remaining = whole.unicodeScalars.makeIterator()
    var next = remaining.next()
    for scalar in text.unicodeScalars where scalar == next { next = remaining.next() }
    invariant(next == nil, "the output is not a subsequence of the input")

    var stream = StreamSanitizer()
    let pieces = textChunks(text, seed: seed).map { stream.feed($0) }
    invariant(pieces.joined().unicodeScalars.elementsEqual(whole.unicodeScalars), "cut into deltas, the output differs")
    invariant(TerminalSanitizer.sanitize(whole).unicodeScalars.elementsEqual(whole.unicodeScalars), "not idempotent")
    return 0
}
