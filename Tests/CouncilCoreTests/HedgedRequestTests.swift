import Synchronization
import Testing
import CouncilCore
import CouncilTestSupport

/// Counts each model's requests, so a script can answer the first and the second differently.
final class RequestCounter: Sendable {
    private let counts = Mutex<[ModelID: Int]>([:])
    /// 1 for a model's first request, 2 for its second, …
    func next(_ model: ModelID) -> Int { counts.withLock { $0[model, default: 0] += 1; return $0[model]! } }
}

/// What a fan-out showed and announced: deltas that passed the gate, hedges sent.
final class FanOutLog: Sendable {
    private let state = Mutex<(deltas: [String], hedges: [Duration])>(([], []))
    var deltas: [String] { state.withLock { $0.deltas } }
    var hedges: [Duration] { state.withLock { $0.hedges } }
    func delta(_ text: String) { state.withLock { $0.deltas.append(text) } }
    func hedge(_ after: Duration) { state.withLock { $0.hedges.append(after) } }
}

/// Hedged requests over real HTTP; every timer runs on a `TestClock`, moved by the test.
@Suite(.timeLimit(.minutes(1))) struct HedgedRequestTests {
    let clock = TestClock()
    let log = FanOutLog()

    /// One model "m" with a hedge delay of 2 s (and its own timeout if given); its deltas go to the log.
    private func start(_ server: ScriptedServer, timeout: Duration? = nil,
                       board: BreakerBoard? = nil) -> Task<[ModelResult], Never> {
        let provider = client(server)
        let fanOut = ParallelFanOut(breakers: board ?? BreakerBoard(clock: clock), clock: clock)
        let log = self.log
        let settings = FanOutSettings(perModelTimeout: .seconds(30), modelTimeouts: timeout.map { ["m": $0] } ?? [:],
                                      hedgeDelays: ["m": .seconds(2)])
        return Task {
            await fanOut.run(models: ["m"], settings: settings, call: { model, gate in
                try await provider.complete(model: model, messages: [.user("Q?")], options: .none,
                                            onDelta: { if gate.pass() { log.delta($0) } }, onReasoning: { _ in _ = gate.pass() })
            }, onHedge: { _, after in log.hedge(after) })
        }
    }

    /// Waits until the first request is out and both timers (the fan-out's and the hedge) are set.
    private func waitForTheFirstRequest(_ server: ScriptedServer, timers: Int = 2) async {
        #expect(await waitUntil { server.requests.count == 1 && clock.sleeperCount == timers }, "the first request or a timer never came")
    }

    /// The first request is out without a first token; the hedge delay (2 s) passes and the copy goes out.
    private func passTheHedgeDelay(_ server: ScriptedServer, timers: Int = 2) async {
        await waitForTheFirstRequest(server, timers: timers)
        clock.advance(by: .seconds(2))
        #expect(await waitUntil { server.requests.count == 2 }, "no hedge after the delay")
    }

    @Test func theHedgeIsSentOnlyAfterItsDelayAndWinsOverASilentOriginal() async throws {
        let counter = RequestCounter()
        try await withServer(script: { counter.next($0.model) == 1 ? .hang() : .stream("from the hedge") }) { server in
            let running = start(server)
            await waitForTheFirstRequest(server)
            clock.advance(by: .milliseconds(1999))
            #expect(clock.sleeperCount == 2, "the hedge timer fired before its delay")
            clock.advance(by: .milliseconds(1))
            #expect(await waitUntil { server.requests.count == 2 }, "no hedge after the delay")
            let result = try #require(await finished(running).first)
            #expect(result.outcome.completion?.text == "from the hedge")
            #expect(result.hedgedAfter == .seconds(2))
            #expect(result.firstToken == .seconds(2))
            #expect(log.hedges == [.seconds(2)])
            #expect(log.deltas.joined() == "from the hedge")
            #expect(await server.disconnect(of: "m") != nil, "the original request's connection stays open")
        }
    }

    /// The hedge streams and goes on streaming: the silent original is cancelled at the hedge's first
    /// token, not when the hedge ends; the model's own timeout still counts from the original's start.
    @Test func theLoserIsCancelledAtTheWinnersFirstToken() async throws {
        let counter = RequestCounter()
        try await withServer(script: { counter.next($0.model) == 1 ? .hang() : .hang(afterText: "from the hedge") }) { server in
            let running = start(server, timeout: .seconds(10))
            await waitForTheFirstRequest(server, timers: 3)
            clock.advance(by: .seconds(2))
            #expect(await server.disconnect(of: "m") != nil, "the original request's connection stays open")
            #expect(log.deltas == ["from the hedge"])
            clock.advance(by: .seconds(8))
            let result = try #require(await finished(running).first)
            #expect(result.outcome == .timedOut(after: .seconds(10)))
            #expect(result.firstToken == .seconds(2) && result.hedgedAfter == .seconds(2))
        }
    }

    @Test func noHedgeWhenTheFirstTokenCameInTime() async throws {
        try await withServer(script: { _ in .hang(afterText: "early") }) { server in
            let running = start(server, timeout: .seconds(5))
            #expect(await waitUntil { log.deltas == ["early"] && clock.sleeperCount == 3 }, "the first token never came")
            clock.advance(by: .seconds(2))
            // An absence: give a wrongly sent hedge the time to reach the server.
            #expect(await waitUntil(within: .milliseconds(500)) { server.requests.count > 1 } == false, "hedged although a token came")
            clock.advance(by: .seconds(3))
            let result = try #require(await finished(running).first)
            #expect(result.outcome == .timedOut(after: .seconds(5)))
            #expect(result.hedgedAfter == nil && log.hedges.isEmpty)
            #expect(result.firstToken == .zero)
            #expect(server.requests.count == 1)
        }
    }

    /// The original streams (late) while the hedge is still silent: the hedge is cancelled.
    @Test func theOriginalWinsWhenItStreamsFirstAndTheHedgeIsCancelled() async throws {
        let counter = RequestCounter(), original = ReplyGate()
        try await withServer(script: { counter.next($0.model) == 1 ? .gated(original, .stream("from the original")) : .hang() }) { server in
            let running = start(server)
            await passTheHedgeDelay(server)
            original.open()
            let result = try #require(await finished(running).first)
            #expect(result.outcome.completion?.text == "from the original")
            #expect(result.hedgedAfter == .seconds(2))
            #expect(log.deltas.joined() == "from the original")
            #expect(await server.disconnect(of: "m") != nil, "the hedge's connection stays open")
        }
    }

    /// Both silent: one hedge only, then the model's own timeout (from the original's start) ends both.
    @Test func exactlyOneExtraRequestEvenWhenBothAreSlow() async throws {
        try await withServer(script: { _ in .hang() }) { server in
            let running = start(server, timeout: .seconds(10))
            await passTheHedgeDelay(server, timers: 3)
            for _ in 0..<7 {
                clock.advance(by: .seconds(1))
                #expect(await waitUntil(within: .milliseconds(50)) { server.requests.count > 2 } == false, "a second hedge")
            }
            clock.advance(by: .seconds(1))
            let result = try #require(await finished(running).first)
            #expect(result.outcome == .timedOut(after: .seconds(10)))
            #expect(server.requests.count == 2 && log.hedges.count == 1)
            #expect(await waitUntil { server.disconnects.count == 2 }, "both connections are closed")
        }
    }

    /// Both fail once the hedge is out: one failure for the breaker, and the original's reason is the
    /// one kept, whichever failure came last.
    @Test func bothRequestsFailingIsOneFailureWithTheOriginalsReason() async throws {
        let counter = RequestCounter(), original = ReplyGate(), hedge = ReplyGate()
        try await withServer(script: { request in
            counter.next(request.model) == 1 ? .gated(original, .error(status: 500, message: "original failed"))
                : .gated(hedge, .error(status: 502, message: "hedge failed"))
        }) { server in
            let board = BreakerBoard(policy: BreakerPolicy(minimumRequests: 1), clock: clock)
            let running = start(server, board: board)
            await passTheHedgeDelay(server)
            // The original's failure first, the hedge's last: the last is not the one kept.
            original.open()
            try await Task.sleep(for: .milliseconds(100))
            hedge.open()
            let result = try #require(await finished(running).first)
            #expect(result.outcome == .failed(.serverError(status: 500, message: "original failed")))
            #expect(result.hedgedAfter == .seconds(2) && server.requests.count == 2)
            #expect(await board.breaker("m").samples.map(\.failed) == [true], "one verdict per model and stage")
        }
    }

    /// The hedge fails at once, before any first token; the original still answers, and the breaker
    /// hears a success.
    @Test func aFailureBeforeAnyFirstTokenLeavesTheOtherRequestToAnswer() async throws {
        let counter = RequestCounter(), original = ReplyGate()
        try await withServer(script: { request in
            counter.next(request.model) == 1 ? .gated(original, .stream("from the original"))
                : .error(status: 500, message: "hedge failed")
        }) { server in
            let board = BreakerBoard(policy: BreakerPolicy(minimumRequests: 1), clock: clock)
            let running = start(server, board: board)
            await passTheHedgeDelay(server)
            // The hedge's failure is taken in before the original answers.
            try await Task.sleep(for: .milliseconds(100))
            original.open()
            let result = try #require(await finished(running).first)
            #expect(result.outcome.completion?.text == "from the original")
            #expect(result.hedgedAfter == .seconds(2) && server.requests.count == 2)
            #expect(await board.breaker("m").samples.map(\.failed) == [false])
        }
    }

    @Test func cancellingTheCallerCancelsBothRequests() async throws {
        try await withServer(script: { _ in .hang() }) { server in
            let running = start(server)
            await passTheHedgeDelay(server)
            running.cancel()
            #expect(await finished(running).first?.outcome == .cancelled(.user))
            #expect(await waitUntil { server.disconnects.count == 2 }, "both connections are closed")
        }
    }
}
