import Foundation
import Testing
@testable import CouncilCore

/// A stream event's data is trimmed of spaces and tabs as Foundation's `.whitespaces` would, without
/// its bridge to NSString: the same result for every kind of text.
@Suite struct StreamEventTrimTests {
    @Test(arguments: ["", " ", "\t", "  \t ", "[DONE]", " [DONE] ", "\t{\"a\":1}\t", "\u{00A0}x\u{3000}", " a b ",
                      "x\n", "\n x \n", "é", " 日本 ", "\u{2003}\u{2003}"])
    func trimsAsFoundationDoes(_ text: String) {
        #expect(ChatWireFormat.StreamAccumulator.trimmingSpaces(text) == text.trimmingCharacters(in: .whitespaces))
    }
}
