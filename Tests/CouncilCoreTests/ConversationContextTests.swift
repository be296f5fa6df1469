import Testing
import CouncilCore

@Suite struct ConversationContextTests {
    let history = (1...5).map { ConversationTurn(prompt: "question \($0) " + String(repeating: "x", count: 400), answer: "answer \($0) " + String(repeating: "y", count: 400)) }

    @Test func keepsEverythingWhenItFits() {
        let messages = ConversationContext.messages(system: "be brief", history: history, question: "now?", budgetTokens: 100_000)
        #expect(messages.count == 1 + 10 + 1)
        #expect(messages.first == .system("be brief"))
        #expect(messages.last == .user("now?"))
    }

    @Test func trimsFromTheOldestToTheLowWaterMarkButKeepsSystemAndQuestion() {
        // Exchanges of ~210 tokens in 500: the third turn trims to below 250, and so does the fifth.
        let messages = ConversationContext.messages(system: "be brief", history: history, question: "now?", budgetTokens: 500)
        #expect(messages.first == .system("be brief"))
        #expect(messages.last == .user("now?"))
        let kept = messages.dropFirst().dropLast()
        #expect(kept.map(\.content.first) == ["q", "a"], "the last cut left only the newest exchange")
        #expect(kept.first?.content.hasPrefix("question 5") == true)
        let tiny = ConversationContext.messages(system: "be brief", history: history, question: String(repeating: "q", count: 4000), budgetTokens: 10)
        #expect(tiny.map(\.role) == [.system, .user])
    }

    @Test func aRequestBeginsWithThePreviousOneUntilTheBudgetIsReached() {
        let long = (1...40).map { ConversationTurn(prompt: "question \($0)", answer: String(repeating: "y", count: 120)) }
        var kept = 0
        for turn in 1..<long.count {
            let before = ConversationContext.messages(system: "s", history: Array(long[..<(turn - 1)]), question: long[turn - 1].prompt, budgetTokens: 400)
            let now = ConversationContext.messages(system: "s", history: Array(long[..<turn]), question: long[turn].prompt, budgetTokens: 400)
            #expect(now.map(ConversationContext.estimatedTokens).reduce(0, +) <= 400)
            if now.starts(with: before) { kept += 1 }
        }
        #expect(kept * 4 >= (long.count - 1) * 3, "kept in \(kept) of \(long.count - 1)")
    }
}
