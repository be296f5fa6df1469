import Synchronization
import Testing
import CouncilCore
import CouncilTestSupport

/// Breakers measure availability only: configuration (a rejected key, an unknown model, no provider)
/// and judgement (a review without a ranking) never count; state changes are said as they happen.
@Suite struct BreakerAvailabilityTests {
    /// One failure would open a breaker: whatever is counted shows at once.
    let strict = BreakerPolicy(failureThreshold: 0.25, window: .seconds(600), minimumRequests: 1, cooldown: .seconds(60))

    private func request(_ models: [ModelID], mode: CouncilMode = .full, chairman: ModelID? = nil) -> CouncilRequest {
        CouncilRequest(question: "What is the capital of France?", models: models, chairman: chairman,
                       perModelTimeout: .seconds(10), budget: .seconds(30), mode: mode)
    }

    private func events(_ council: Council, _ request: CouncilRequest) async -> (TurnResult, [CouncilEvent]) {
        let events = Mutex<[CouncilEvent]>([])
        let result = await council.run(request) { event in events.withLock { $0.append(event) } }
        return (result, events.withLock { $0 })
    }

    @Test func aRejectedKeyIsSaidOncePerProviderNotCountedAndItsModelsAreNotSentAgain() async throws {
        let script = CouncilScript.preferring(["Paris.", "Paris, France."], answers: ["good/c": .stream("Paris."), "good/d": .stream("Paris, France.")])
        try await withServer(script: { request in
            request.headers["authorization"] == "Bearer sk-lab-wrong-000000" ? .error(status: 401, message: "invalid api key") : script.reply(to: request)
        }) { server in
            let lab = OpenAICompatibleClient(endpoint: ProviderEndpoint(name: "lab", baseURL: server.baseURL, apiKey: "sk-lab-wrong-000000", keyVariable: "LAB_KEY"))
            let good = OpenAICompatibleClient(endpoint: ProviderEndpoint(name: "good", baseURL: server.baseURL, apiKey: "sk-good-1111111111"))
            let board = BreakerBoard(policy: strict)
            let council = Council(router: ModelRouter(["lab/a": lab, "lab/b": lab, "good/c": good, "good/d": good]), breakers: board, shuffleSeed: 3)
            let (result, events) = await events(council, request(["lab/a", "lab/b", "good/c", "good/d"], chairman: "lab/a"))

            let rejections = events.compactMap { if case .providerRejected(let provider, let reason) = $0 { (provider, reason) } else { nil } }
            #expect(rejections.count == 1, "said once per provider and turn")
            #expect(rejections.first?.0 == "lab")
            #expect(rejections.first?.1.contains("provider 'lab' rejected the key in LAB_KEY") == true)
            #expect(rejections.first?.1.contains("sk-lab-wrong") == false, "the variable is named, never the key")
            for model: ModelID in ["lab/a", "lab/b"] {
                #expect(await board.permit(model) == .allowed)
                #expect(await board.breaker(model).samples.isEmpty, "\(model): a rejected key is not counted")
            }
            // The configured chairman is on the rejected provider: it is not sent, the next one chairs.
            #expect(server.requests.filter { $0.model.rawValue.hasPrefix("lab/") }.count == 2, "only the first stage reached the provider")
            #expect(result.synthesised)
            #expect(result.chairman?.rawValue.hasPrefix("good/") == true)
        }
    }

    @Test func anUnknownModelAndAModelWithoutAProviderAreNotCountedAndTheLatterNeverSent() async throws {
        try await withServer(script: { request in
            switch request.model {
            case "gone": .error(status: 404, message: "model gone not found")
            case "typo": .error(status: 400, message: "Invalid model name passed in model=typo")
            default: .stream("Paris.")
            }
        }) { server in
            let board = BreakerBoard(policy: strict)
            let council = Council(router: ModelRouter(models: ["gone", "typo", "fine"], provider: client(server)), breakers: board)
            let (result, _) = await events(council, request(["gone", "typo", "ghost", "fine"], mode: .answers))
            for model: ModelID in ["gone", "typo", "ghost"] {
                #expect(await board.breaker(model).samples.isEmpty, "\(model) is configuration, not availability")
                #expect(await board.permit(model) == .allowed)
            }
            let typo = result.generation.first { $0.model == "typo" }
            #expect(typo?.outcome.summary.hasPrefix("unknown model") == true, "\(String(describing: typo?.outcome.summary))")
            #expect(!server.requests.contains { $0.model == "ghost" }, "no provider: never sent")
        }
    }

    @Test func aReviewerThatCannotRankLosesItsBallotNotItsSeatAndItsUsageCounts() async throws {
        let answers: [ModelID: ScriptedReply] = ["alpha": .stream("Paris."), "bravo": .stream("Lyon."), "mute": .stream("Paris, France.")]
        let script = CouncilScript(answers: answers, review: { model, view in
            model == "mute" ? .stream("They are all fine answers.") : .stream(view.ranking { $0.count })
        })
        try await withServer(script: script.reply(to:)) { server in
            let board = BreakerBoard(policy: strict)
            let council = Council(router: ModelRouter(models: ["alpha", "bravo", "mute"], provider: client(server)), breakers: board, shuffleSeed: 1)
            let (result, _) = await events(council, request(["alpha", "bravo", "mute"]))
            #expect(result.reviews.compactMap(\.vote).count == 2, "the ballot is lost")
            #expect(result.reviews.first { $0.call.model == "mute" }?.rejection != nil)
            #expect(await board.breaker("mute").samples.allSatisfy { !$0.failed }, "the seat is kept")
            #expect(await board.permit("mute") == .allowed)
            // 3 answers, 3 reviews (one rejected, billed all the same), 1 synthesis, 20 tokens each.
            #expect(result.usage.count == 7)
            #expect(result.totalUsage.totalTokens == 7 * 20)
        }
    }

    @Test func breakerChangesAreSaidWhenTheyHappenAndTheWindowReadsLive() async throws {
        let healthy = Mutex(false)
        try await withServer(script: { request in
            request.model == "lab/bad" && !healthy.withLock { $0 } ? .error(status: 503, message: "overloaded") : .stream("Paris.")
        }) { server in
            let clock = TestClock()
            let policy = BreakerPolicy(failureThreshold: 0.25, window: .seconds(600), minimumRequests: 2, cooldown: .seconds(1800))
            let board = BreakerBoard(policy: policy, clock: clock)
            let council = Council(router: ModelRouter(models: ["lab/bad", "lab/good"], provider: client(server)), breakers: board, clock: clock)
            let models: [ModelID] = ["lab/bad", "lab/good"]
            func changes(_ events: [CouncilEvent]) -> [BreakerChange] {
                events.compactMap { if case .breakerChanged(let change) = $0 { change } else { nil } }
            }

            let (_, first) = await events(council, request(models, mode: .answers))
            #expect(changes(first).isEmpty)
            let (_, second) = await events(council, request(models, mode: .answers))
            #expect(changes(second) == [BreakerChange(model: "lab/bad", kind: .opened(failed: 2, of: 2, window: .seconds(600), cooldown: .seconds(1800)))])
            #expect(await board.window("lab/bad") == (failed: 2, total: 2), "the window that opened it, not an empty one")
            clock.advance(by: .seconds(601))
            #expect(await board.window("lab/bad") == (failed: 0, total: 0), "pruned on read")

            clock.advance(by: .seconds(1200))
            healthy.withLock { $0 = true }
            let (_, third) = await events(council, request(models, mode: .answers))
            #expect(changes(third) == [BreakerChange(model: "lab/bad", kind: .trialStarted), BreakerChange(model: "lab/bad", kind: .closed)])
        }
    }
}
