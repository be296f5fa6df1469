import Testing
import CouncilCore
import CouncilTestSupport

/// Costs: the provider's figure when it reports one, the price table otherwise, a partial sum said as one.
@Suite struct CostSummaryTests {
    @Test func aPartialSumSaysHowManyModelsArePriced() {
        let lines: [(model: ModelID, usage: Usage)] = [
            ("a", Usage(promptTokens: 10, completionTokens: 5, cost: 0.01)),
            ("b", Usage(promptTokens: 10, completionTokens: 5, cost: 0.0023)),
            ("c", Usage(promptTokens: 10, completionTokens: 5)),
            ("a", Usage(promptTokens: 1, completionTokens: 1, cost: 0)),
        ]
        #expect(CostSummary(lines).text == "≥ $0.0123, 2 of 3 models priced")
        #expect(CostSummary(Array(lines.prefix(2))).text == "$0.0123")
        #expect(CostSummary([("c", Usage())]).text == "cost unknown")
        #expect(CostSummary([("a", Usage(cost: 1)), ("a", Usage())]).text == "cost unknown", "a model is priced only when every call is")
    }

    @Test func theProvidersCostWinsAndThePriceTableFillsIn() async throws {
        let script = CouncilScript(answers: ["reported": .stream("Paris.", usage: Usage(promptTokens: 100, completionTokens: 10, cost: 0.5)),
                                             "table": .stream("It is Paris.", usage: Usage(promptTokens: 1_000_000, completionTokens: 0)),
                                             "unknown": .stream("Paris!", usage: Usage(promptTokens: 5, completionTokens: 5))],
                                   review: { _, view in .stream(view.ranking { $0.count }) })
        let server = try await ScriptedServer.start(script: script.reply(to:))
        let models: [ModelID] = ["reported", "table", "unknown"]
        let council = Council(router: ModelRouter(models: models, provider: client(server)), breakers: BreakerBoard(), shuffleSeed: 1)
        let request = CouncilRequest(question: "Capital of France?", models: models, chairman: "reported", perModelTimeout: .seconds(10),
                                     budget: .seconds(30), mode: .answers,
                                     prices: ["reported": ModelPrice(inputPerMillion: 99, outputPerMillion: 99),
                                              "table": ModelPrice(inputPerMillion: 2, outputPerMillion: 8)])
        let result = await council.run(request)
        await server.stop()
        #expect(result.usage.first { $0.model == "reported" }?.usage.cost == 0.5)
        #expect(result.usage.first { $0.model == "table" }?.usage.cost == 2.0)
        #expect(result.costSummary.text == "≥ $2.5000, 2 of 3 models priced")
    }
}
