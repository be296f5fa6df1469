import Synchronization
import Testing
import CouncilCore
import CouncilTestSupport

@Suite(.timeLimit(.minutes(2))) struct ParallelFanOutTests {
    let question: [ChatMessage] = [.user("Why is the sky blue?")]

    private func fanOut(_ server: ScriptedServer, board: BreakerBoard = BreakerBoard()) -> (ParallelFanOut, ParallelFanOut.Call) {
        let provider = client(server)
        let question = self.question
        return (ParallelFanOut(breakers: board), { model in try await provider.complete(model: model, messages: question) })
    }

    /// All four requests are out at once: with every model hanging, the server sees the four while
    /// none has answered, which one-by-one could never do. (The time it saves is in the benchmark.)
    @Test func queriesAllModelsAtOnceNotOneByOne() async throws {
        try await withServer(["a": .hang(), "b": .hang(), "c": .hang(), "d": .hang()]) { server in
            let (fanOut, call) = fanOut(server)
            let running = Task { await fanOut.run(models: ["a", "b", "c", "d"], settings: .init(perModelTimeout: .seconds(60)), call: call) }
            #expect(await waitUntil { server.requests.count == 4 }, "only \(server.requests.count) of 4 requests were out at once")
            running.cancel()
            let results = await running.value
            #expect(results.count == 4)
        }
    }

    /// On the injected clock: the fast model has answered before the 2 s pass, however slow the machine.
    @Test func aModelPastItsTimeoutIsTimedOutAndItsConnectionClosed() async throws {
        try await withServer(["fast": .stream("ok"), "slow": .hang()]) { server in
            let clock = TestClock()
            let (_, call) = fanOut(server)
            let arrived = Mutex<[ModelID]>([])
            let running = Task {
                await ParallelFanOut(breakers: BreakerBoard(clock: clock), clock: clock).run(
                    models: ["fast", "slow"], settings: .init(perModelTimeout: .seconds(2)), call: call,
                    onResult: { result in arrived.withLock { $0.append(result.model) } })
            }
            #expect(await waitUntil { arrived.withLock { $0 } == ["fast"] && clock.sleeperCount >= 1 }, "fast never answered")
            clock.advance(by: .seconds(2))
            let results = await finished(running)
            let slow = try #require(results.first { $0.model == "slow" })
            #expect(slow.outcome == .timedOut(after: .seconds(2)))
            #expect(results.first { $0.model == "fast" }?.outcome.isSuccess == true)
            let disconnect = await server.disconnect(of: "slow")
            #expect(disconnect?.model == "slow")
        }
    }

    @Test func earlyCompletionCancelsTheStragglerAndTheServerSeesItGo() async throws {
        let replies: [ModelID: ScriptedReply] = ["a": .stream("1"), "b": .stream("2", delay: .milliseconds(30)),
                                                 "c": .stream("3", delay: .milliseconds(60)), "hanging": .hang(afterText: "thinking")]
        try await withServer(replies) { server in
            let (fanOut, call) = fanOut(server)
            let results = await fanOut.run(models: ["a", "b", "c", "hanging"],
                                           settings: .init(perModelTimeout: .seconds(30), minResponses: 3), call: call)
            #expect(results.filter(\.outcome.isSuccess).count == 3)
            #expect(results.first { $0.model == "hanging" }?.outcome == .cancelled(.earlyCompletion))
            let disconnect = await server.disconnect(of: "hanging")
            #expect(disconnect?.model == "hanging")
        }
    }

    @Test func cancellationIsNotCountedAsFailure() async throws {
        try await withServer(["a": .stream("1"), "hanging": .hang()]) { server in
            let board = BreakerBoard(policy: BreakerPolicy(minimumRequests: 1))
            let (fanOut, call) = fanOut(server, board: board)
            for _ in 0..<3 {
                _ = await fanOut.run(models: ["a", "hanging"], settings: .init(perModelTimeout: .seconds(30), minResponses: 1), call: call)
            }
            #expect(await board.breaker("hanging").samples.isEmpty)
            #expect(await board.status("hanging") == .allowed)
        }
    }

    /// On the injected clock: "a" has answered before the deadline passes, however loaded the machine.
    @Test func overallDeadlineStopsTheFanOut() async throws {
        try await withServer(["a": .stream("1"), "h1": .hang(), "h2": .hang()]) { server in
            let clock = TestClock()
            let (_, call) = fanOut(server)
            let arrived = Mutex<[ModelID]>([])
            let running = Task {
                await ParallelFanOut(breakers: BreakerBoard(clock: clock), clock: clock).run(
                    models: ["a", "h1", "h2"], settings: .init(perModelTimeout: .seconds(60), deadline: .seconds(4)), call: call,
                    onResult: { result in arrived.withLock { $0.append(result.model) } })
            }
            #expect(await waitUntil { arrived.withLock { $0 } == ["a"] && server.requests.count == 3 && clock.sleeperCount >= 1 })
            clock.advance(by: .seconds(4))
            let results = await finished(running)
            #expect(results.first { $0.model == "a" }?.outcome.isSuccess == true)
            let kinds = Dictionary(uniqueKeysWithValues: results.map { ($0.model, $0.outcome.kind) })
            #expect(kinds == ["a": "arrived", "h1": "timed_out", "h2": "timed_out"])
        }
    }

    @Test func cancellingTheCallerCancelsEveryRequest() async throws {
        try await withServer(["h1": .hang(), "h2": .hang()]) { server in
            let (fanOut, call) = fanOut(server)
            let task = Task { await fanOut.run(models: ["h1", "h2"], settings: .init(perModelTimeout: .seconds(60)), call: call) }
            #expect(await waitUntil { server.requests.count >= 2 }, "the requests never arrived")
            task.cancel()
            let results = await task.value
            #expect(results.map(\.outcome) == [.cancelled(.user), .cancelled(.user)])
            #expect(await server.disconnect(of: "h1") != nil)
            #expect(await server.disconnect(of: "h2") != nil)
        }
    }

    @Test func failuresAreReportedPerModelAndTheRestGoOn() async throws {
        try await withServer(["ok": .stream("fine"), "bad": .error(status: 500, message: "boom"),
                              "junk": .raw(contentType: "application/json", writes: ["nope"])]) { server in
            let (fanOut, call) = fanOut(server)
            let results = await fanOut.run(models: ["ok", "bad", "junk"], settings: .init(perModelTimeout: .seconds(10)), call: call)
            #expect(results.first { $0.model == "ok" }?.outcome.isSuccess == true)
            #expect(results.first { $0.model == "bad" }?.outcome == .failed(.serverError(status: 500, message: "boom")))
            guard case .failed(.malformedResponse)? = results.first(where: { $0.model == "junk" })?.outcome else {
                Issue.record("junk: \(results)")
                return
            }
        }
    }

    @Test func blockedModelsAreNotCalled() async throws {
        try await withServer(["ok": .stream("fine"), "broken": .stream("never asked")]) { server in
            let clock = TestClock()
            let board = BreakerBoard(policy: BreakerPolicy(minimumRequests: 1), clock: clock)
            await board.recordFailure("broken")
            let provider = client(server)
            let fanOut = ParallelFanOut(breakers: board)
            let seen = await fanOut.run(models: ["broken", "ok"], settings: .init(perModelTimeout: .seconds(10))) { model in
                try await provider.complete(model: model, messages: [.user("hi")])
            }
            #expect(seen.first?.outcome == .blocked(remaining: .seconds(1800)))
            #expect(seen.last?.outcome.isSuccess == true)
            #expect(!server.requests.contains { $0.model == "broken" })
        }
    }

    @Test func sixtyFourConcurrentRequestsToOneHostDoNotQueue() async throws {
        try await withServer(script: { _ in .hang() }) { server in
            let (fanOut, call) = fanOut(server)
            let models = (0..<64).map { ModelID("m\($0)") }
            let task = Task { await fanOut.run(models: models, settings: .init(perModelTimeout: .seconds(60)), call: call) }
            // With the library's default pool of 8 per host, only 8 would reach the server.
            let waitStart = ContinuousClock.now
            while server.requests.count < 64, ContinuousClock.now - waitStart < .seconds(20) {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(server.requests.count == 64)
            task.cancel()
            _ = await task.value
        }
    }
}
