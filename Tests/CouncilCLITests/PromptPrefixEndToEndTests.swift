import Foundation
import Testing
import CouncilCore
import CouncilTestSupport

/// A long session as a provider's prompt cache sees it: each model's request repeats the one before it.
@Suite(.serialized, .timeLimit(.minutes(3))) struct PromptPrefixEndToEndTests {
    static let budget = 256

    @Test func twelveTurnsKeepEachModelsPreviousRequestAsAPrefixWithinTheBudget() async throws {
        let server = try await OneShotEndToEndTests.server(generation: OneShotEndToEndTests.answering)
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let questions = (1...12).map { "Question \($0): what did the council say about the bridges over the Seine?" }
        let run = try await CouncilBinary.run(["--session", "long", "--context-budget", "\(Self.budget)"], environment: environment,
                                              stdin: questions.joined(separator: "\n") + "\n/stats\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("context: the next turn carries 7 of 12 earlier exchanges (5 dropped"), "\(run.stdout)")
        await server.stop()

        for model: ModelID in ["alpha", "bravo", "charlie"] {
            let requests = server.requests.filter { $0.model == model && CouncilRequestView($0).kind == .generation }
            try #require(requests.map(\.lastUserText) == questions, "one generation request of \(model) per turn")
            for request in requests {
                let tokens = request.messages.map(ConversationContext.estimatedTokens).reduce(0, +)
                #expect(tokens <= Self.budget, "\(model) was sent \(tokens) tokens")
            }
            let later = zip(requests, requests.dropFirst())
            let kept = later.filter { RequestPrefix.keeps($0.body, in: $1.body) }.count
            #expect(kept * 4 >= later.underestimatedCount * 3, "\(model) kept the prefix in \(kept) of \(requests.count - 1) later turns")
            #expect(requests.last?.messages.first?.content != questions[0], "the budget made \(model)'s context trim")
        }
    }
}
