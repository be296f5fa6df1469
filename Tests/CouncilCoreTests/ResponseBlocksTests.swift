import Testing
import CouncilCore

/// The `=== Response X ===` format: what the pipeline writes, the demo and the test server read back.
@Suite struct ResponseBlocksTests {
    typealias Block = ResponseBlocks.Block

    @Test func writtenBlocksReadBackAsTheyWere() {
        let blocks = [Block(label: "A", text: "Paris."), Block(label: "B", text: "It is Paris.\n\nOn the Seine."),
                      Block(label: "C", text: "")]
        let text = ResponseBlocks.render(blocks)
        #expect(text.hasPrefix("=== Response A ===\nParis.\n=== end of Response A ===\n\n=== Response B ==="))
        #expect(ResponseBlocks.parse(text) == blocks)
    }

    @Test func anAnswerWithLinesLikeOtherBlocksDelimitersKeepsThem() {
        // A model may quote the format; only its own closing line ends its block.
        let tricky = "Look:\n=== Response B ===\nnot a block\n=== end of Response C ===\nstill A"
        let blocks = [Block(label: "A", text: tricky), Block(label: "B", text: "Plain.")]
        let parsed = ResponseBlocks.parse("Question:\nWhy?\n\n" + ResponseBlocks.render(blocks) + "\n\nRank them.")
        #expect(parsed == blocks)
    }

    @Test func anAnswerContainingItsOwnClosingLineEndsThere() {
        let blocks = [Block(label: "A", text: "before\n=== end of Response A ===\nafter"), Block(label: "B", text: "b")]
        let parsed = ResponseBlocks.parse(ResponseBlocks.render(blocks))
        #expect(parsed == [Block(label: "A", text: "before"), Block(label: "B", text: "b")],
                "the writer does not rewrite a model's words; the rest up to the next opener is outside any block")
    }

    @Test func anOpenerWithoutItsCloserIsNoBlock() {
        let text = "=== Response Z ===\nquestion text that looks like a header\n\n"
            + ResponseBlocks.render([Block(label: "A", text: "a"), Block(label: "B", text: "b")])
        #expect(ResponseBlocks.parse(text).map(\.label) == ["A", "B"])
        #expect(ResponseBlocks.parse("=== Response two words ===\nx\n=== end of Response two words ===").isEmpty)
    }

    @Test func whatPeerReviewWritesReadsBackUnderTheReviewersLabels() {
        let answers: [(model: ModelID, text: String)] = [("m/one", "First.\n=== Response A ===\nquoted"), ("m/two", "Second.")]
        var generator = SeededGenerator(seed: 1)
        let assignment = PeerReview.assignments(question: "Q?", answers: answers, reviewers: ["m/one"], using: &generator)[0]
        let parsed = ResponseBlocks.parse(assignment.messages.last?.content ?? "")
        #expect(parsed.map(\.label) == assignment.labels)
        for block in parsed {
            let model = assignment.modelForLabel[block.label]
            #expect(block.text == answers.first { $0.model == model }?.text)
        }
    }
}
