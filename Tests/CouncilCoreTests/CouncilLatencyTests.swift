import Synchronization
import Testing
import CouncilCore
import CouncilTestSupport

/// Whole turns with the latency settings a request carries per model and stage: first tokens, hedges,
/// a model's own timeout. Over real HTTP, on a `TestClock`.
@Suite(.timeLimit(.minutes(1))) struct CouncilLatencyTests {
    let clock = TestClock()
    let events = EventLog()

    private func start(_ server: ScriptedServer, _ request: CouncilRequest) -> Task<TurnResult, Never> {
        let council = Council(router: ModelRouter(models: request.models, provider: client(server)),
                              breakers: BreakerBoard(policy: BreakerPolicy(minimumRequests: 1), clock: clock), clock: clock, shuffleSeed: 3)
        let events = self.events
        return Task { await council.run(request) { events.append($0) } }
    }

    private static func script(slowAnswer: ScriptedReply = .stream("Slow but sure.")) -> ScriptedServer.Script {
        let counter = RequestCounter()
        let answers: [ModelID: ScriptedReply] = ["alpha": .stream("Alpha says yes."), "bravo": .stream("Bravo says no.")]
        let council = CouncilScript(answers: answers, review: { _, view in .stream(view.ranking { $0.count }) })
        return { request in
            guard request.model == "slow", CouncilRequestView(request).kind == .generation else { return council.reply(to: request) }
            return counter.next("slow") == 1 ? .hang() : slowAnswer
        }
    }

    @Test func everyStreamedAnswerHasItsFirstTokenInEveryStage() async throws {
        try await withServer(script: Self.script()) { server in
            let request = CouncilRequest(question: "Q?", models: ["alpha", "bravo"], perModelTimeout: .seconds(30))
            let result = await start(server, request).value
            #expect(result.status == .complete)
            let all = result.generation + result.reviews.map(\.call) + result.synthesis
            #expect(all.count == 5)
            for item in all { #expect(item.firstToken == .zero, "\(item.model): \(String(describing: item.firstToken))") }
        }
    }

    /// "slow" says nothing to its first request; its hedge answers. The board hears one hedge and one
    /// stream, the usage counts it once.
    @Test func aHedgedModelIsShownOnceAndCountedOnce() async throws {
        try await withServer(script: Self.script()) { server in
            var request = CouncilRequest(question: "Q?", models: ["alpha", "bravo", "slow"], perModelTimeout: .seconds(30))
            request.calls[.generation] = ["slow": CallSettings(hedgeAfter: .seconds(1))]
            let running = start(server, request)
            #expect(await waitUntil { server.requests.count == 3 && clock.sleeperCount == 2 }, "the requests or the timers never came")
            clock.advance(by: .seconds(1))
            let result = await finished(running)
            #expect(result.status == .complete)
            let slow = try #require(result.generation.first { $0.model == "slow" })
            #expect(slow.outcome.completion?.text == "Slow but sure.")
            #expect(slow.hedgedAfter == .seconds(1) && slow.firstToken == .seconds(1))
            let all = events.all
            let hedges = all.compactMap { if case .modelHedged(let stage, let model, let after) = $0 { "\(stage) \(model) \(after)" } else { nil } }
            #expect(hedges == ["generation slow 1.0 seconds"])
            let progress = all.compactMap { if case .modelProgress(.generation, "slow", let received) = $0 { received } else { nil } }
            #expect(progress.count == 3 && progress.last == "Slow but sure.".count, "one stream of three pieces: \(progress)")
            #expect(result.usage.filter { $0.stage == .generation && $0.model == "slow" }.count == 1)
            #expect(await server.disconnect(of: "slow") != nil, "the silent first request is cancelled")
        }
    }

    @Test func aModelsOwnTimeoutInTheRequestCutsItThere() async throws {
        try await withServer(script: Self.script()) { server in
            var request = CouncilRequest(question: "Q?", models: ["alpha", "bravo", "slow"], mode: .answers)
            request.calls[.generation] = ["slow": CallSettings(timeout: .seconds(4))]
            let running = start(server, request)
            #expect(await waitUntil { server.requests.count == 3 && clock.sleeperCount == 2 }, "the requests or the timers never came")
            clock.advance(by: .seconds(4))
            let result = await finished(running)
            #expect(result.generation.first { $0.model == "slow" }?.outcome == .timedOut(after: .seconds(4)))
            #expect(result.generation.filter(\.outcome.isSuccess).count == 2)
        }
    }
}

/// The events of a turn, in order.
final class EventLog: Sendable {
    private let events = Mutex<[CouncilEvent]>([])
    var all: [CouncilEvent] { events.withLock { $0 } }
    func append(_ event: CouncilEvent) { events.withLock { $0.append(event) } }
}
