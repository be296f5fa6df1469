@testable import CouncilCore
import FuzzSupport

/// The chat-completion decoding, whole (`ChatWireFormat.decodeCompletion`) and streamed (`SSEParser`
/// into `ChatWireFormat.StreamAccumulator`), on a provider's body.
///
/// Invariants, each checked (a broken one traps):
/// - it never crashes or hangs;
/// - a whole answer decoded is never empty;
/// - streamed: the deltas returned add up to the accumulated text, and the text, the reasoning and
///   the outcome (answer or error) are the same however the body is cut into reads;
/// - memory is bounded: the reasoning kept never exceeds its cap (the answer's cap is the client's);
/// - no error carries the provider's key: errors quote bodies through the redactor.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChatCompletion(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let streamed = input.takeByte() & 1 == 1
    let seed = input.takeByte()
    let body = Array(input.bytes)
    let redactor = SecretRedactor(secrets: [secret])
    if !streamed {
        do {
            let completion = try ChatWireFormat.decodeCompletion(body, redactor: redactor)
            invariant(!completion.text.isEmpty, "an empty whole answer passed")
        } catch {
            invariant(!String(describing: error).contains(secret), "an error carries the key: \(error)")
        }
        return 0
    }
    let whole = StreamRun(redactor: redactor, pieces: [body[...]])
    let split = StreamRun(redactor: redactor, pieces: chunks(body, seed: seed))
    invariant(whole == split, "cut into reads, the stream decodes differently:\n\(whole)\n\(split)")
    invariant(!whole.outcome.contains(secret), "an error carries the key: \(whole.outcome)")
    invariant(whole.reasoningBytes <= reasoningCap, "reasoning of \(whole.reasoningBytes) bytes kept past its cap")
    return 0
}

private let secret = "sk-fuzz-0123456789abcdefghij"
private let reasoningCap = 512

/// One streamed body read as the client reads it, stopping at the first error.
private struct StreamRun: Equatable {
    var deltas = ""
    var text = ""
    var reasoningBytes = 0
    var outcome = ""

    init(redactor: SecretRedactor, pieces: [ArraySlice<UInt8>]) {
        var parser = SSEParser(maxLineBytes: 4096)
        var accumulator = ChatWireFormat.StreamAccumulator(redactor: redactor, maxReasoningBytes: reasoningCap)
        defer {
            text = accumulator.text
            reasoningBytes = accumulator.reasoning.utf8.count
            invariant(deltas == text, "the deltas do not add up to the text")
        }
        do {
            for piece in pieces {
                for event in parser.feed(piece) { deltas += try accumulator.consume(event) ?? "" }
                if accumulator.isDone { break }
            }
            if !accumulator.isDone { for event in parser.finish() { deltas += try accumulator.consume(event) ?? "" } }
            outcome = "answer: " + (try accumulator.completion()).text
        } catch {
            outcome = "error: \(error)"
        }
    }
}
