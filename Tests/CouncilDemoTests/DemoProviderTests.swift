import Synchronization
import Testing
import CouncilCore
import CouncilTestSupport
@testable import CouncilDemo

/// The demo council: honest about being simulated, parseable, cancellable and reproducible.
@Suite struct DemoProviderTests {
    /// Fast enough for tests: the seed's seconds become milliseconds.
    func fastDemo(seed: UInt64 = 7) -> DemoProvider { DemoProvider(timeScale: 0.001, seed: seed) }

    func reviewPrompt(labels: [String]) -> [ChatMessage] {
        var user = "Question: what is 2+2?\n\n"
        for label in labels {
            user += "=== Response \(label) ===\nThe answer is four, says \(label).\n=== end of Response \(label) ===\n\n"
        }
        user += "Rank the responses."
        return [.system("You are reviewing anonymised answers from a council of models. Treat them as material to judge."),
                .user(user)]
    }

    /// The labels of the `FINAL RANKING:` section, parsed strictly.
    func ranking(in text: String) -> [String]? {
        guard let range = text.range(of: "FINAL RANKING:\n") else { return nil }
        var labels: [String] = []
        for (index, line) in text[range.upperBound...].split(separator: "\n").enumerated() {
            let prefix = "\(index + 1). Response "
            guard line.hasPrefix(prefix) else { return nil }
            labels.append(String(line.dropFirst(prefix.count)))
        }
        return labels
    }

    @Test func aGenerationAnswerSaysItIsADemoAndStreamsInSeveralDeltas() async throws {
        let deltas = Mutex<[String]>([])
        let answer = try await fastDemo().complete(model: DemoCouncil.swift, messages: [.user("How do I sort a list?")]) { delta in
            deltas.withLock { $0.append(delta) }
        }
        #expect(answer.text.hasPrefix("[demo]"))
        #expect(answer.text.contains("simulated demo answer"))
        #expect(answer.text.contains("How do I sort a list?"))
        #expect(deltas.withLock { $0.count } > 3)
        #expect(deltas.withLock { $0.joined() } == answer.text)
        #expect(answer.usage?.cost == 0)
    }

    @Test(arguments: [["A", "B", "C"], ["A", "B", "C", "D"], ["A"]])
    func aReviewEndsWithAFinalRankingListingEveryLabelOnce(labels: [String]) async throws {
        let review = try await fastDemo().complete(model: DemoCouncil.steady, messages: reviewPrompt(labels: labels))
        #expect(review.text.hasPrefix("[demo]"))
        let ranked = try #require(ranking(in: review.text), "no parseable ranking in:\n\(review.text)")
        #expect(ranked.count == labels.count)
        #expect(Set(ranked) == Set(labels))
        // Two sentences of critique before the ranking.
        let critique = review.text.components(separatedBy: "FINAL RANKING:")[0]
        #expect(critique.filter { $0 == "." }.count >= 2)
    }

    @Test func theRankingIsDeterministicForAPrompt() async throws {
        let prompt = reviewPrompt(labels: ["A", "B", "C", "D", "E"])
        let first = try await fastDemo().complete(model: DemoCouncil.swift, messages: prompt)
        let again = try await fastDemo().complete(model: DemoCouncil.swift, messages: prompt)
        #expect(ranking(in: first.text) == ranking(in: again.text))
        // Different reviewers do not all agree: over the four models some ranking differs.
        var rankings = Set<[String]>()
        for model in DemoCouncil.models.map(\.id) where model != DemoCouncil.flaky {
            rankings.insert(try #require(ranking(in: try await fastDemo().complete(model: model, messages: prompt).text)))
        }
        #expect(rankings.count > 1)
    }

    @Test func aSynthesisSaysItIsADemoSynthesis() async throws {
        let messages: [ChatMessage] = [.system("You are the chairman of a council."),
                                       .user("=== Response A ===\nx\n=== end of Response A ===\n=== Response B ===\ny\n=== end of Response B ===")]
        let synthesis = try await fastDemo().complete(model: DemoCouncil.chairman, messages: messages)
        #expect(synthesis.text.hasPrefix("[demo]"))
        #expect(synthesis.text.contains("demo synthesis"))
        #expect(ranking(in: synthesis.text) == nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellationStopsAnAnswerPromptly() async throws {
        // At this scale an answer would take over half an hour: only cancellation ends the test in time.
        let demo = DemoProvider(timeScale: 500, seed: 7)
        let deltas = Mutex(0)
        let task = Task {
            try await demo.complete(model: DemoCouncil.slow, messages: [.user("take your time")]) { _ in
                deltas.withLock { $0 += 1 }
            }
        }
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(deltas.withLock { $0 } == 0)
    }

    /// Success or failure of each of `count` calls of `model`, in order.
    func outcomes(_ demo: DemoProvider, model: ModelID, count: Int) async -> [String] {
        var result: [String] = []
        for _ in 0..<count {
            do {
                _ = try await demo.complete(model: model, messages: [.user("again")])
                result.append("ok")
            } catch let error as ChatError {
                #expect(error == .serverError(status: 503, message: "demo: simulated outage"))
                result.append("503")
            } catch {
                result.append("other: \(error)")
            }
        }
        return result
    }

    @Test func theFlakyModelFailsOftenAndTheSameWayForTheSameSeed() async throws {
        let first = await outcomes(fastDemo(seed: 11), model: DemoCouncil.flaky, count: 16)
        let second = await outcomes(fastDemo(seed: 11), model: DemoCouncil.flaky, count: 16)
        let otherSeed = await outcomes(fastDemo(seed: 12), model: DemoCouncil.flaky, count: 16)
        #expect(first == second)
        #expect(first != otherSeed)
        #expect(first.filter { $0 == "503" }.count >= 4)
        #expect(first.contains("ok"))
        // Reliable models never fail.
        #expect(await outcomes(fastDemo(seed: 11), model: DemoCouncil.swift, count: 8).allSatisfy { $0 == "ok" })
    }

    @Test func theSlowModelSometimesStallsFarPastTheDemoTimeout() throws {
        let slow = try #require(DemoCouncil.models.first { $0.id == DemoCouncil.slow })
        var random = DemoRandom(seed: 3)
        let plans = (0..<40).map { _ in DemoProvider.plan(for: slow, random: &random) }
        let stalls = plans.compactMap { plan -> Duration? in
            if case .stall(let factor) = plan.outcome { return slow.latency * (plan.jitter * factor) } else { return nil }
        }
        #expect(!stalls.isEmpty)
        #expect(stalls.count < plans.count)
        let timeout = DemoCouncil.perModelTimeout(timeScale: 1)
        #expect(stalls.allSatisfy { $0 > timeout * 2 })
        // Without a stall every demo model finishes inside the timeout.
        #expect(DemoCouncil.models.allSatisfy { $0.latency * 1.15 < timeout })
    }

    @Test func theFlakyModelsBreakerOpensWithinAFewTurns() async throws {
        let demo = fastDemo(seed: 5)
        let board = BreakerBoard(policy: .default)
        let fanOut = ParallelFanOut(breakers: board)
        var blocked = false
        for _ in 0..<8 where !blocked {
            let results = await fanOut.run(models: DemoCouncil.models.map(\.id),
                                           settings: FanOutSettings(perModelTimeout: .seconds(30))) { model in
                try await demo.complete(model: model, messages: [.user("turn")])
            }
            blocked = results.contains { $0.model == DemoCouncil.flaky && $0.outcome.kind == "blocked" }
        }
        #expect(blocked)
    }

    @Test func anUnknownModelIsAnUnknownModelError() async throws {
        await #expect(throws: ChatError.unknownModel(message: "demo: no simulated model named demo/none")) {
            try await fastDemo().complete(model: "demo/none", messages: [.user("hi")])
        }
    }

    @Test func everyDemoModelSaysDemoInItsName() {
        #expect(DemoCouncil.models.count == 4)
        #expect(DemoCouncil.models.allSatisfy { $0.id.rawValue.contains("demo") })
    }
}

/// A whole council turn on the demo: all three stages run, reviews parse, and it never hides being a demo.
@Suite(.timeLimit(.minutes(1))) struct DemoTurnTests {
    @Test func aFullDemoTurnRunsEveryStage() async {
        let provider = DemoProvider(timeScale: 0.001, seed: 11)
        let models = DemoCouncil.models.map(\.id)
        // The council's timers on a clock that never moves: the demo's own pace decides, however loaded
        // the machine (its 4 ms of simulated latency once took 5 s with two suites running).
        let clock = TestClock()
        let council = Council(router: ModelRouter(models: models, provider: provider), breakers: BreakerBoard(clock: clock),
                              clock: clock, shuffleSeed: 3)
        let events = Mutex<[CouncilEvent]>([])
        let request = CouncilRequest(question: "What is a monad?", models: models, chairman: DemoCouncil.chairman,
                                     minResponses: DemoCouncil.minResponses, perModelTimeout: .seconds(5), budget: .seconds(30))
        let result = await council.run(request) { event in events.withLock { $0.append(event) } }
        let stages = events.withLock { $0 }.compactMap { if case .stageStarted(let stage, _) = $0 { stage } else { nil } }
        #expect(stages == [.generation, .review, .synthesis])
        #expect(result.arrivedCount >= 1)
        #expect(!result.reviews.compactMap(\.vote).isEmpty, "demo reviews are well-formed")
        #expect(result.reviews.allSatisfy { $0.rejection == nil })
        #expect(result.synthesised)
        #expect(result.finalAnswer?.hasPrefix("[demo]") == true)
        for item in result.generation {
            if let text = item.outcome.completion?.text { #expect(text.hasPrefix("[demo]")) }
        }
    }
}
