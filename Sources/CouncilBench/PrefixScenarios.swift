import CouncilCore
import CouncilTestSupport
import Foundation

/// (l) a 30-turn session as a provider's prompt cache sees it: for each later request of each model, the
/// share of its bytes that repeat the model's previous request from the first byte (what can be billed
/// as cached), with the trimming before issue 26 (one exchange dropped per turn once the budget is
/// reached) and the stepped trimming of `ConversationContext`.
struct PrefixScenarios {
    static let turns = 30
    static let budget = 4_000
    static let models: [ModelID] = ["a", "b", "c"]
    // About 70 and 460 tokens: seven exchanges fill the budget, so most of the session runs trimmed.
    static func question(_ turn: Int) -> String { "Question \(turn): " + String(repeating: "what about the bridges? ", count: 10) }
    static let answer = String(repeating: "The council weighed the answers and agrees on this. ", count: 35)

    func run() async throws -> [Row] {
        let server = try await ScriptedServer.start { _ in .stream(Self.answer) }
        defer { Task { await server.stop() } }
        let provider = OpenAICompatibleClient(endpoint: ProviderEndpoint(name: "bench", baseURL: server.baseURL))
        let council = Council(router: ModelRouter(models: Self.models, provider: provider), breakers: BreakerBoard())
        var rows: [Row] = []
        for (name, stepped) in [("one exchange dropped a turn (before)", false), ("trimmed in steps (now)", true)] {
            let before = server.requests.count
            var history: [ConversationTurn] = []
            for turn in 1...Self.turns {
                let question = Self.question(turn)
                var request = CouncilRequest(question: question, models: Self.models, perModelTimeout: .seconds(10),
                                             budget: .seconds(60), mode: .answers)
                if stepped {
                    request.history = history
                    request.contextBudgetTokens = Self.budget
                } else {
                    request.history = Self.droppingOnePerTurn(history, question: question)
                    request.contextBudgetTokens = .max / 2  // already trimmed
                }
                let result = await council.run(request)
                guard result.status == .complete else { throw BenchError.unexpected("prefix turn: \(result.status)") }
                history.append(ConversationTurn(prompt: question, answer: Self.answer))
            }
            let requests = Array(server.requests[before...])
            var shares: [Double] = [], kept = 0, later = 0, repeated = 0, sent = 0
            for model in Self.models {
                let bodies = requests.filter { $0.model == model }.map(\.body)
                for (earlier, now) in zip(bodies, bodies.dropFirst()) {
                    shares.append(100 * RequestPrefix.share(of: now, repeating: earlier))
                    if RequestPrefix.keeps(earlier, in: now) { kept += 1 }
                    later += 1
                    repeated += RequestPrefix.sharedLength(earlier, now)
                    sent += now.count
                }
            }
            rows.append(Row(scenario: "l", metric: "repeated, \(name)", summary: Summary(shares), unit: "%",
                            note: String(format: "%d of %d later requests keep the previous whole; %.1f %% of all their bytes",
                                         kept, later, 100 * Double(repeated) / Double(max(sent, 1)))))
        }
        return rows
    }

    /// The trimming before issue 26: the newest exchanges that fit, so once the budget is reached the
    /// oldest one goes every turn and the first bytes of every request change.
    static func droppingOnePerTurn(_ history: [ConversationTurn], question: String) -> [ConversationTurn] {
        var used = ConversationContext.estimatedTokens(.user(question))
        var kept: [ConversationTurn] = []
        for turn in history.reversed() {
            let cost = ConversationContext.estimatedTokens(.user(turn.prompt)) + ConversationContext.estimatedTokens(.assistant(turn.answer))
            guard used + cost <= budget else { break }
            used += cost
            kept.insert(turn, at: 0)
        }
        return kept
    }
}
