@testable import CouncilCLI
import FuzzSupport

/// The Markdown stream renderer (`MarkdownStream`) on sanitised model text, as the screen feeds it.
///
/// Invariants, each checked (a broken one traps):
/// - it never crashes or hangs;
/// - the output is the same, scalar for scalar, however the input is cut into deltas;
/// - the only escape sequences in the output are the renderer's own (`Ansi`), and nothing the
///   sanitiser removes comes back;
/// - after `finish()` no style is left on: the last style code written is a reset.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let seed = input.takeByte()
    let width = 20 + Int(input.takeByte() % 120)
    let text = TerminalSanitizer.sanitize(input.text)

    var whole = MarkdownStream(width: width)
    let expected = whole.feed(text) + whole.finish()
    var streamed = MarkdownStream(width: width)
    let output = textChunks(text, seed: seed).map { streamed.feed($0) }.joined() + streamed.finish()
    invariant(output.unicodeScalars.elementsEqual(expected.unicodeScalars),
              "cut into deltas, the output differs:\n\(expected.debugDescription)\n\(output.debugDescription)")

    let codes = [Ansi.reset, Ansi.bold, Ansi.dim, Ansi.italic, Ansi.underline, Ansi.code, Ansi.heading, Ansi.quote, Ansi.bullet]
    var bare = expected
    for code in codes { bare = bare.replacingOccurrences(of: code, with: "") }
    if let bad = bare.unicodeScalars.first(where: isForbiddenOnTerminal) {
        invariant(false, "U+\(String(bad.value, radix: 16)) in the output that is not one of the renderer's codes")
    }
    if let lastStyle = codes.dropFirst().compactMap({ expected.range(of: $0, options: .backwards)?.lowerBound }).max() {
        let reset = expected.range(of: Ansi.reset, options: .backwards)?.lowerBound
        invariant(reset.map { $0 > lastStyle } == true, "a style is left on after finish()")
    }
    return 0
}
