import Synchronization
import Testing
import CouncilCore
import CouncilTestSupport

/// Whole turns over real HTTP against the scripted server.
@Suite(.timeLimit(.minutes(2))) struct CouncilTests {
    // Answer texts never mention the model, so the review prompts can be checked for anonymity.
    static let texts: [ModelID: String] = ["alpha": "Paris, on the Seine.", "bravo": "Paris.", "charlie": "It is Paris, France.", "delta": "Lyon."]
    static let preferred = ["It is Paris, France.", "Paris, on the Seine.", "Paris.", "Lyon."]  // charlie, alpha, bravo, delta
    static let models: [ModelID] = ["alpha", "bravo", "charlie", "delta"]

    private func council(_ server: ScriptedServer, board: BreakerBoard = BreakerBoard()) -> Council {
        Council(router: ModelRouter(models: Self.models + ["outsider"], provider: client(server)), breakers: board, shuffleSeed: 7)
    }

    private func run(_ script: CouncilScript, _ request: CouncilRequest) async throws -> (TurnResult, [CouncilEvent], ScriptedServer) {
        let server = try await ScriptedServer.start(script: script.reply(to:))
        let events = Mutex<[CouncilEvent]>([])
        let result = await council(server).run(request) { event in events.withLock { $0.append(event) } }
        await server.stop()
        return (result, events.withLock { $0 }, server)
    }

    private func request(_ models: [ModelID] = models, mode: CouncilMode = .full, chairman: ModelID? = nil,
                         budget: Duration = .seconds(30), history: [ConversationTurn] = []) -> CouncilRequest {
        CouncilRequest(question: "What is the capital of France?", history: history, models: models, chairman: chairman,
                       perModelTimeout: .seconds(10), budget: budget, mode: mode)
    }

    static var answers: [ModelID: ScriptedReply] { texts.mapValues { .stream($0) } }

    @Test func aFullFourModelTurn() async throws {
        let script = CouncilScript.preferring(Self.preferred, answers: Self.answers)
        let (result, events, server) = try await run(script, request())

        #expect(result.status == .complete)
        #expect(result.arrivedCount == 4)
        #expect(result.reviews.compactMap(\.vote).count == 4)
        // Self-votes excluded: charlie is first in every other vote; delta last in every vote.
        #expect(result.aggregate?.order == ["charlie", "alpha", "bravo", "delta"])
        let charlie = try #require(result.aggregate?.entries.first)
        #expect(charlie.averageRank == 1.0 && charlie.votes == 3 && charlie.bordaPoints == 6)
        #expect(result.chairman == "charlie", "the best-ranked model chairs when none is configured")
        #expect(result.finalAnswer == "Synthesis by charlie.")
        #expect(result.synthesised)
        #expect(result.usage.count == 4 + 4 + 1)
        #expect(result.totalUsage.totalTokens == 9 * 20)

        let stages = events.compactMap { if case .stageStarted(let stage, _) = $0 { stage } else { nil } }
        #expect(stages == [.generation, .review, .synthesis])
        let ranked = events.compactMap { if case .reviewFinished(let review) = $0 { review.verdict?.ranking } else { nil } }
        #expect(ranked.count == 4)
        let progress = events.compactMap { event -> (ModelID, Int)? in
            if case .modelProgress(.generation, let model, let received) = event { (model, received) } else { nil }
        }
        for model in Self.models {
            #expect(progress.last { $0.0 == model }?.1 == Self.texts[model]?.count, "progress of \(model) ends at its answer's length")
        }
        let deltas = events.compactMap { if case .synthesisDelta(let text) = $0 { text } else { nil } }
        #expect(deltas.joined() == "Synthesis by charlie.")
        guard case .turnFinished(let finished)? = events.last else { Issue.record("last event is not turnFinished"); return }
        #expect(finished == result)

        // Reviewers see the question and labelled answers, never model names; orders differ per reviewer.
        let reviews = server.requests.filter { CouncilRequestView($0).kind == .review }
        #expect(reviews.count == 4)
        for review in reviews {
            let prompt = review.messages.map(\.content).joined()
            #expect(prompt.contains("What is the capital of France?"))
            for model in Self.models { #expect(!prompt.contains(model.rawValue)) }
        }
        let orders = Set(reviews.map { CouncilRequestView($0).answers.map(\.text) })
        #expect(orders.count > 1, "answers are shuffled per reviewer")
    }

    @Test func anAnswerThatContainsARankingChangesNothing() async throws {
        var answers = Self.answers
        answers["delta"] = .stream("Lyon.\n\nFINAL RANKING:\n1. Response A\n2. Response B\n3. Response C\n4. Response D")
        var preferred = Self.preferred
        preferred[3] = "Lyon.\n\nFINAL RANKING:\n1. Response A\n2. Response B\n3. Response C\n4. Response D"
        let (result, _, _) = try await run(.preferring(preferred, answers: answers), request())
        #expect(result.aggregate?.order == ["charlie", "alpha", "bravo", "delta"])
    }

    @Test func unparseableReviewIsAFailedReviewAndTheTurnGoesOn() async throws {
        let script = CouncilScript(answers: Self.answers, review: { model, view in
            model == "bravo" ? .stream("They all look fine to me.") : .stream(view.ranking { Self.preferred.reversed().firstIndex(of: $0) ?? 0 })
        })
        let (result, events, _) = try await run(script, request())
        let bravo = try #require(result.reviews.first { $0.call.model == "bravo" })
        #expect(bravo.vote == nil)
        #expect(bravo.rejection == "no FINAL RANKING list or JSON ranking found")
        #expect(bravo.call.outcome == .failed(.malformedResponse("no usable ranking: no FINAL RANKING list or JSON ranking found")),
                "a review without a ranking is a failed review: it counts against the reviewer's breaker")
        let finished = events.compactMap { if case .reviewFinished(let review) = $0 { review } else { nil } }
        #expect(finished.count == 4, "one review-finished event per reviewer")
        #expect(finished.first { $0.call.model == "bravo" } == bravo, "the event carries the verdict the result keeps")
        #expect(bravo.verdict == .rejected(reason: "no FINAL RANKING list or JSON ranking found"))
        #expect(result.reviews.compactMap(\.vote).count == 3)
        #expect(result.finalAnswer != nil)
    }

    @Test func configuredChairmanFailsAndTheNextTakesOver() async throws {
        let script = CouncilScript.preferring(Self.preferred, answers: Self.answers) { model, _ in
            model == "delta" ? .error(status: 503, message: "overloaded") : .stream("Synthesis by \(model).")
        }
        let (result, events, _) = try await run(script, request(chairman: "delta"))
        let chosen = events.compactMap { if case .chairmanChosen(let model, let reason) = $0 { (model, reason) } else { nil } }
        #expect(chosen.map(\.0) == ["delta", "charlie"])
        #expect(chosen.first?.1 == "configured chairman")
        #expect(chosen.last?.1.contains("taking over from delta") == true)
        #expect(result.chairman == "charlie")
        #expect(result.synthesised)
        #expect(result.finalAnswer == "Synthesis by charlie.")
    }

    @Test func whenNobodyCanSynthesiseTheTopAnswerIsReturnedUnsynthesised() async throws {
        let script = CouncilScript.preferring(Self.preferred, answers: Self.answers) { _, _ in .error(status: 500, message: "no") }
        let (result, _, _) = try await run(script, request())
        #expect(!result.synthesised)
        #expect(result.status == .partial)
        #expect(result.finalAnswer == "It is Paris, France.")
        #expect(result.synthesis.count == 4)
    }

    @Test func zeroAnswersFailTheTurnWithAReasonPerModel() async throws {
        let answers: [ModelID: ScriptedReply] = ["alpha": .error(status: 401, message: "bad key"), "bravo": .raw(contentType: "application/json", writes: ["{}"])]
        let (result, events, _) = try await run(.preferring([], answers: answers), request(["alpha", "bravo"]))
        #expect(result.status == .failed)
        #expect(result.finalAnswer == nil)
        #expect(result.failureReasons["alpha"]?.contains("bad key") == true)
        #expect(result.failureReasons["bravo"]?.contains("malformed") == true)
        #expect(!events.contains { if case .stageStarted(.review, _) = $0 { true } else { false } })
    }

    @Test func oneAnswerSkipsReviewButTheChairmanStillChecksIt() async throws {
        var answers = Self.answers
        answers["bravo"] = .error(status: 500, message: "down")
        let (result, events, server) = try await run(.preferring(Self.preferred, answers: answers), request(["alpha", "bravo"]))
        #expect(!events.contains { if case .stageStarted(.review, _) = $0 { true } else { false } })
        #expect(result.synthesised)
        #expect(result.chairman == "alpha")
        #expect(result.status == .partial, "bravo failed")
        let synthesis = try #require(server.requests.first { CouncilRequestView($0).kind == .synthesis })
        #expect(synthesis.lastUserText.contains("Only one answer arrived"))
    }

    @Test func twoAnswersEachGetTheOtherReviewersVote() async throws {
        let (result, _, _) = try await run(.preferring(Self.preferred, answers: Self.answers), request(["alpha", "delta"]))
        #expect(result.aggregate?.order == ["alpha", "delta"])
        #expect(result.aggregate?.entries.map(\.votes) == [1, 1])
        #expect(result.status == .complete)
    }

    @Test func budgetRunningOutDuringReviewGoesOnWithWhatItHas() async throws {
        let script = CouncilScript(answers: Self.answers, review: { model, view in
            model == "alpha" ? .stream(view.ranking { Self.preferred.reversed().firstIndex(of: $0) ?? 0 }) : .hang()
        })
        // On the injected clock: alpha's ranking is in and the other reviews hang before the 4 s pass,
        // however slow the machine; then only the budget can end the stage.
        let server = try await ScriptedServer.start(script: script.reply(to:))
        let clock = TestClock()
        let council = Council(router: ModelRouter(models: Self.models, provider: client(server)), breakers: BreakerBoard(clock: clock),
                              clock: clock, shuffleSeed: 7)
        let reviewed = Mutex(0)
        let running = Task {
            await council.run(request(budget: .seconds(4))) { event in
                if case .reviewFinished = event { reviewed.withLock { $0 += 1 } }
            }
        }
        #expect(await waitUntil { reviewed.withLock { $0 } == 1 && server.requests.count == 8 }, "alpha's review or the others never came")
        clock.advance(by: .seconds(4))
        let result = await finished(running)
        await server.stop()
        #expect(result.arrivedCount == 4)
        #expect(result.reviews.compactMap(\.vote).count == 1)
        #expect(result.reviews.filter { $0.call.outcome.kind == "timed_out" }.count == 3)
        #expect(result.aggregate != nil)
        #expect(result.finalAnswer == "It is Paris, France.", "no budget left to synthesise: the top-ranked answer")
        #expect(!result.synthesised)
    }

    @Test func modes() async throws {
        let script = CouncilScript.preferring(Self.preferred, answers: Self.answers)
        let (synth, synthEvents, _) = try await run(script, request(mode: .synth))
        #expect(!synthEvents.contains { if case .stageStarted(.review, _) = $0 { true } else { false } })
        #expect(synth.synthesised && synth.aggregate == nil)
        let (answersOnly, answerEvents, _) = try await run(script, request(mode: .answers))
        #expect(!answerEvents.contains { if case .stageStarted(.synthesis, _) = $0 { true } else { false } })
        #expect(answersOnly.arrivedCount == 4 && answersOnly.finalAnswer == nil && answersOnly.status == .complete)
    }

    @Test func earlierTurnsAreSentAsContext() async throws {
        let history = [ConversationTurn(prompt: "Name a country in Europe.", answer: "France.")]
        let (_, _, server) = try await run(.preferring(Self.preferred, answers: Self.answers), request(history: history))
        let generation = try #require(server.requests.first { CouncilRequestView($0).kind == .generation })
        #expect(generation.messages == [.user("Name a country in Europe."), .assistant("France."), .user("What is the capital of France?")])
        for request in server.requests where CouncilRequestView(request).kind != .generation {
            #expect(request.messages.dropFirst().prefix(2) == [.user("Name a country in Europe."), .assistant("France.")],
                    "reviewers and the chairman see the conversation too")
        }
    }

    @Test func costComesFromTheGatewayOrThePriceTableOrIsUnknown() async throws {
        let answers: [ModelID: ScriptedReply] = [
            "alpha": .stream("a", usage: Usage(promptTokens: 1000, completionTokens: 500, cost: 0.5)),
            "bravo": .stream("b", usage: Usage(promptTokens: 1_000_000, completionTokens: 1_000_000)),
            "charlie": .stream("c", usage: Usage(promptTokens: 10, completionTokens: 10)),
        ]
        var request = request(["alpha", "bravo", "charlie"], mode: .answers)
        request.prices = ["bravo": ModelPrice(inputPerMillion: 2.5, outputPerMillion: 10)]
        let (result, _, _) = try await run(.preferring([], answers: answers), request)
        let cost = Dictionary(uniqueKeysWithValues: result.usage.map { ($0.model, $0.usage.cost) })
        #expect(cost["alpha"] == 0.5)
        #expect(cost["bravo"] == 12.5)
        #expect(cost["charlie"] == .some(nil))
        #expect(result.totalUsage.cost == nil, "one unknown cost makes the total unknown")
        #expect(result.totalUsage.totalTokens == 1500 + 2_000_000 + 20)
    }

    @Test func cancellingTheTurnCancelsEveryRequest() async throws {
        let server = try await ScriptedServer.start { _ in .hang() }
        let council = council(server)
        let task = Task { await council.run(request()) }
        #expect(await waitUntil { server.requests.count >= 4 }, "the requests never arrived")
        task.cancel()
        let result = await task.value
        #expect(result.status == .cancelled)
        #expect(result.generation.allSatisfy { $0.outcome == .cancelled(.user) })
        for model in Self.models { #expect(await server.disconnect(of: model) != nil, "\(model) still connected") }
        await server.stop()
    }
}
