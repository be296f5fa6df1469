@testable import CouncilCore
import CouncilTestSupport
import PropertyBased
import Testing

/// Invariants of the chat-completion decoding, streamed and whole, on generated bodies
/// (`Fuzz/Sources/FuzzChatCompletion` fuzzes the same).
@Suite struct ChatCompletionProperties {
    static let secret = "sk-prop-0123456789abcdefghij"
    static let redactor = SecretRedactor(secrets: [secret])
    /// Pieces of events, and whole events, so that orders like "an answer after [DONE]" come up often.
    static let pieces = HostileText.eventStream + [#"{"choices":[{"delta":{"content":"sk-prop-0123456789abcdefghij"}}]}"#,
        "data: [DONE]\n\n", #"data: {"choices":[{"delta":{"content":"more"}}]}"# + "\n\n",
        #"data: {"choices":[{"delta":{"reasoning":"think"}}]}"# + "\n\n", #"data: {"error":{"message":"late","code":500}}"# + "\n\n"]

    /// What the client makes of a body read in `pieces`: the deltas, the text, the reasoning kept, the outcome.
    struct Run: Equatable {
        var deltas = "", text = "", reasoning = "", outcome = ""

        init(_ pieces: [ArraySlice<UInt8>], reasoningCap: Int = .max) {
            var parser = SSEParser(maxLineBytes: 4096)
            var accumulator = ChatWireFormat.StreamAccumulator(redactor: ChatCompletionProperties.redactor, maxReasoningBytes: reasoningCap)
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
            text = accumulator.text
            reasoning = accumulator.reasoning
        }
    }

    @Test func aStreamDecodesTheSameHoweverItIsCut() async {
        await propertyCheck(count: 300, input: text(of: Self.pieces), cuts) { body, cuts in
            let bytes = Array(body.utf8)
            let whole = Run([bytes[...]])
            let split = Run(HostileText.cut(bytes, at: cuts))
            #expect(split == whole)
            #expect(whole.deltas == whole.text)
            #expect(!whole.outcome.contains(Self.secret) || whole.outcome.hasPrefix("answer: "))
        }
    }

    @Test func theReasoningKeptStaysWithinItsCap() async {
        await propertyCheck(count: 200, input: text(of: Self.pieces, count: 0...120), Gen.int(in: 0...40)) { body, cap in
            #expect(Run([Array(body.utf8)[...]], reasoningCap: cap).reasoning.utf8.count <= cap)
        }
    }

    /// Whole bodies: JSON with and without an answer, errors quoting the key, and text that is no JSON.
    @Test func aWholeAnswerIsNeverEmptyAndNoErrorCarriesTheKey() async {
        let bodies = text(of: [#"{"choices":[{"message":{"content":""}}]}"#, #"{"choices":[{"message":{"content":"four"}}]}"#,
                               #"{"error":{"message":"bad key sk-prop-0123456789abcdefghij","code":401}}"#, #"{"choices":[{"message":{"content":"#, #""four""#, #""""#, "null", #""sk-prop-0123456789abcdefghij""#,
                               "}}]", ",", #""usage":{"prompt_tokens":1}"#, #"{"error":{"message":"#, #","code":401}"#, "}", "<html>", " "],
                         count: 0...4)
        await propertyCheck(count: 300, input: bodies) { body in
            do {
                #expect(!(try ChatWireFormat.decodeCompletion(Array(body.utf8), redactor: Self.redactor)).text.isEmpty)
            } catch {
                #expect(!String(describing: error).contains(Self.secret))
            }
        }
    }

    /// After `[DONE]` the answer is over: what follows in the same read must not change it.
    @Test func nothingAfterDoneCounts() throws {
        let body = "data: {\"choices\":[{\"delta\":{\"content\":\"four\"}}]}\n\ndata: [DONE]\n\n"
            + "data: {\"choices\":[{\"delta\":{\"content\":\" and five\"}}]}\n\ndata: {\"error\":{\"message\":\"late\"}}\n\n"
        let run = Run([Array(body.utf8)[...]])
        #expect(run.outcome == "answer: four")
    }
}
