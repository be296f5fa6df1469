/// Queries every model at once and reports each outcome as it happens: the latency tax is paid once.
public struct ParallelFanOut: Sendable {
    public typealias Call = @Sendable (ModelID) async throws -> ChatCompletion
    /// A call that passes every delta it receives through the gate it is given: how the fan-out learns
    /// a request's first token, and keeps only one of a hedged pair of requests on screen. A plain
    /// `Call` reports no first token, so a hedge delay would always send its second request.
    public typealias StreamingCall = @Sendable (ModelID, DeltaGate) async throws -> ChatCompletion
    /// Judges an answer the moment it arrives, before it counts as arrived.
    public typealias Acceptance<Verdict: Sendable> = @Sendable (ModelID, ChatCompletion) -> Judgement<Verdict>
    /// Told when a model's request is sent once more, and after how long without a first token.
    public typealias HedgeNotice = @Sendable (ModelID, Duration) -> Void

    public let breakers: BreakerBoard
    public let clock: any EpochClock
    /// Told when a breaker opens, starts its trial, closes or opens again.
    public let onBreakerChange: @Sendable (BreakerChange) -> Void

    public init(breakers: BreakerBoard, clock: any EpochClock = SystemClock(),
                onBreakerChange: @escaping @Sendable (BreakerChange) -> Void = { _ in }) {
        self.breakers = breakers
        self.clock = clock
        self.onBreakerChange = onBreakerChange
    }

    /// Why the remaining requests were cancelled.
    private enum Stop {
        case earlyCompletion
        /// Every request started together, so their per-model timeouts all fall at one instant.
        case perModelTimeout
        case deadline
    }

    /// One model's part, ended.
    private struct Ended<Verdict: Sendable>: Sendable {
        var model: ModelID
        var attempt: CallAttempt
        var verdict: Verdict?
        var finished: EpochInstant
        var firstToken: EpochInstant?
        var hedgedAfter: Duration?
    }

    private enum Slot<Verdict: Sendable>: Sendable {
        case model(Ended<Verdict>)
        case timer(Stop)
    }

    /// Runs the fan-out, calling `onResult` as each model ends; returns every result in arrival order.
    /// Cancelling the calling task cancels every request in flight (reported `cancelled(.user)`).
    public func run(
        models: [ModelID],
        settings: FanOutSettings,
        call: @escaping Call,
        onResult: @escaping @Sendable (ModelResult) -> Void = { _ in }
    ) async -> [ModelResult] {
        await run(models: models, settings: settings, call: { model, _ in try await call(model) }, onResult: onResult)
    }

    /// The same with a call that reports its first token, so results carry it and hedges can be sent.
    public func run(
        models: [ModelID],
        settings: FanOutSettings,
        call: @escaping StreamingCall,
        onHedge: @escaping HedgeNotice = { _, _ in },
        onResult: @escaping @Sendable (ModelResult) -> Void = { _ in }
    ) async -> [ModelResult] {
        await run(models: models, settings: settings, call: call, accept: { _, _ in Judgement(verdict: ()) },
                  onHedge: onHedge, onResult: { onResult($0.result) }).map(\.result)
    }

    /// Runs the fan-out and judges each answer as it arrives with `accept`; every result comes with
    /// the verdict on its answer.
    public func run<Verdict: Sendable>(
        models: [ModelID],
        settings: FanOutSettings,
        call: @escaping StreamingCall,
        accept: @escaping Acceptance<Verdict>,
        onHedge: @escaping HedgeNotice = { _, _ in },
        onResult: @escaping @Sendable (Judged<Verdict>) -> Void = { _ in }
    ) async -> [Judged<Verdict>] {
        let start = clock.now
        var seen = Set<ModelID>()
        let unique = models.filter { seen.insert($0).inserted }
        let permissions = await breakers.permit(unique)
        var results: [Judged<Verdict>] = []
        var callable: [ModelID] = []
        for model in unique {
            if case .trial? = permissions[model] { onBreakerChange(BreakerChange(model: model, kind: .trialStarted)) }
            if case .blocked(let remaining)? = permissions[model] {
                let result = Judged<Verdict>(result: ModelResult(model: model, outcome: .blocked(remaining: remaining), latency: .zero),
                                             verdict: nil)
                results.append(result)
                onResult(result)
            } else {
                callable.append(model)
            }
        }
        guard !callable.isEmpty else { return results }

        let clock = self.clock
        var breakerVerdicts: [(ModelID, BreakerBoard.Verdict)] = []
        await withTaskGroup(of: Slot<Verdict>?.self) { group in
            for model in callable {
                group.addTask {
                    .model(await Self.call(model, start: start, settings: settings, clock: clock, call: call, accept: accept,
                                           onHedge: onHedge))
                }
            }
            // One timer for the whole fan-out instead of one per model: whichever limit comes first.
            let modelLimit = start.advanced(by: settings.perModelTimeout)
            let overall = settings.deadline.map { start.advanced(by: $0) }
            let (limit, stop): (EpochInstant, Stop) = if let overall, overall < modelLimit { (overall, .deadline) } else { (modelLimit, .perModelTimeout) }
            group.addTask {
                do { try await clock.sleep(until: limit, tolerance: nil) } catch { return nil }
                return .timer(stop)
            }

            var pending = callable.count
            var successes = 0
            var stopped: Stop?
            for await slot in group {
                switch slot {
                case nil:
                    continue
                case .timer(let reason)?:
                    if pending > 0, stopped == nil {
                        stopped = reason
                        group.cancelAll()
                    }
                case .model(let ended)?:
                    pending -= 1
                    let latency = start.duration(to: ended.finished)
                    let (outcome, breakerVerdict) = Self.outcome(of: ended.attempt, stopped: stopped, timeout: settings.perModelTimeout, latency: latency)
                    var modelResult = ModelResult(model: ended.model, outcome: outcome, latency: latency,
                                                  firstToken: ended.firstToken.map { start.duration(to: $0) },
                                                  hedgedAfter: ended.hedgedAfter)
                    if case .rejected(let completion, _) = ended.attempt { modelResult.rejectedAnswer = completion }
                    let result = Judged(result: modelResult, verdict: ended.verdict)
                    breakerVerdicts.append((ended.model, breakerVerdict))
                    results.append(result)
                    onResult(result)
                    if outcome.isSuccess {
                        successes += 1
                        if let k = settings.minResponses, successes >= k, pending > 0, stopped == nil {
                            stopped = .earlyCompletion
                            group.cancelAll()
                        }
                    }
                    if pending == 0 { group.cancelAll() }  // releases the timer
                }
            }
        }
        for change in await breakers.record(breakerVerdicts) { onBreakerChange(change) }
        return results
    }

    /// One model's part: its request, then the judgement of its answer. Only a model with a timeout of
    /// its own or a hedge delay gets timers of its own; the others share the fan-out's one timer.
    private static func call<Verdict: Sendable>(
        _ model: ModelID, start: EpochInstant, settings: FanOutSettings, clock: any EpochClock,
        call: @escaping StreamingCall, accept: Acceptance<Verdict>, onHedge: @escaping HedgeNotice
    ) async -> Ended<Verdict> {
        let race = FirstTokenRace(clock: clock)
        let timeout = settings.ownTimeout(of: model), hedgeAfter = settings.hedgeDelay(of: model)
        var attempt: CallAttempt
        var hedged = false
        if timeout == nil, hedgeAfter == nil {
            let gate = race.gate(0)
            attempt = await CallAttempt.of { try await call(model, gate) }
        } else {
            let own = HedgedCall(model: model, start: start, timeout: timeout, hedgeAfter: hedgeAfter, clock: clock)
            (attempt, hedged) = await own.run(race: race, call: call) { onHedge(model, $0) }
        }
        var verdict: Verdict?
        if case .success(let completion) = attempt {
            let judgement = accept(model, completion)
            verdict = judgement.verdict
            if let rejection = judgement.rejection { attempt = .rejected(completion, rejection) }
        }
        return Ended(model: model, attempt: attempt, verdict: verdict, finished: clock.now, firstToken: race.firstToken,
                     hedgedAfter: hedged ? hedgeAfter : nil)
    }

    /// A request's outcome, given why the fan-out stopped, and what it tells the model's breaker:
    /// a timeout (the model's own or the stage's) is the model's fault; the turn's deadline, early
    /// completion and Ctrl-C are not.
    private static func outcome(of attempt: CallAttempt, stopped: Stop?, timeout: Duration, latency: Duration) -> (ModelOutcome, BreakerBoard.Verdict) {
        switch attempt {
        case .success(let completion): return (.arrived(completion), .success)
        case .failure(let error): return (.failed(error), error.countsAgainstAvailability ? .failure : .cancellation)
        case .rejected(_, let error): return (.failed(error), .success)
        case .timedOut(let after): return (.timedOut(after: after), .failure)
        case .cancelled:
            switch stopped {
            case .perModelTimeout?: return (.timedOut(after: timeout), .failure)
            case .deadline?: return (.timedOut(after: latency), .cancellation)
            case .earlyCompletion?: return (.cancelled(.earlyCompletion), .cancellation)
            case nil: return (.cancelled(.user), .cancellation)
            }
        }
    }
}
