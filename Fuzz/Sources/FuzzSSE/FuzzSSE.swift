import CouncilCore
import FuzzSupport

/// The event-stream parser (`SSEParser`) on a provider's `text/event-stream` body.
///
/// Invariants, each checked (a broken one traps):
/// - it never crashes or hangs;
/// - the events are the same however the body is cut into network reads (a CRLF split across two
///   reads included), and so is whether it overflowed;
/// - memory is bounded: no event's data holds more than `maxLineBytes` (the cap holds for a long
///   line and for an event of many lines), and an input that fits the cap never overflows it;
/// - an event's name and data lines never hold CR or LF (the data's lines are joined by LF only).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSSE(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let seed = input.takeByte()
    let capByte = input.takeByte()
    // Small caps most of the time, so the fuzzer reaches the overflow paths; sometimes none.
    let cap = capByte < 200 ? 1 + Int(capByte) : Int.max
    let body = Array(input.bytes)

    var whole = SSEParser(maxLineBytes: cap)
    let expected = whole.feed(body) + whole.finish()
    var split = SSEParser(maxLineBytes: cap)
    var events: [SSEParser.Event] = []
    for piece in chunks(body, seed: seed) { events += split.feed(piece) }
    events += split.finish()

    invariant(events == expected, "cut into reads, the events differ: \(expected) vs \(events)")
    invariant(whole.overflowed == split.overflowed, "cut into reads, overflow differs")
    if body.count <= cap { invariant(!whole.overflowed, "a body of \(body.count) bytes overflowed a cap of \(cap)") }
    for event in expected {
        invariant(event.data.unicodeScalars.count <= cap, "an event of \(event.data.unicodeScalars.count) scalars passed a cap of \(cap)")
        invariant(!event.data.contains("\r") && !(event.name ?? "").contains("\r") && !(event.name ?? "").contains("\n"),
                  "CR or LF inside an event's field: \(event)")
    }
    return 0
}
