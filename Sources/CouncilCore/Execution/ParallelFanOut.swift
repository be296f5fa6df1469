/// Limits of one fan-out.
public struct FanOutSettings: Sendable, Equatable {
    public var perModelTimeout: Duration
    /// Stop as soon as this many models have answered; `nil` waits for all.
    public var minResponses: Int?
    /// Bounds the whole fan-out; models still running then are reported timed out.
    public var deadline: Duration?

    public init(perModelTimeout: Duration, minResponses: Int? = nil, deadline: Duration? = nil) {
        self.perModelTimeout = perModelTimeout
        self.minResponses = minResponses
        self.deadline = deadline
    }
}

/// What an acceptance check made of an answer that arrived: the verdict kept with the result, and
/// whether the answer counts.
public struct Judgement<Verdict: Sendable>: Sendable {
    public var verdict: Verdict
    /// Set when the answer does not count: it becomes this failure, which does not count towards
    /// `minResponses` (e.g. a review without a usable ranking). The model did answer, so its breaker
    /// records a success: a reviewer that cannot rank loses its ballot, not its seat.
    public var rejection: ChatError?

    public init(verdict: Verdict, rejection: ChatError? = nil) {
        self.verdict = verdict
        self.rejection = rejection
    }
}

/// A model's result with the verdict on its answer; `nil` when no answer arrived to judge.
public struct Judged<Verdict: Sendable>: Sendable {
    public var result: ModelResult
    public var verdict: Verdict?
}

/// Queries every model at once and reports each outcome as it happens: the latency tax is paid once.
public struct ParallelFanOut: Sendable {
    public typealias Call = @Sendable (ModelID) async throws -> ChatCompletion
    /// Judges an answer the moment it arrives, before it counts as arrived.
    public typealias Acceptance<Verdict: Sendable> = @Sendable (ModelID, ChatCompletion) -> Judgement<Verdict>

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

    private enum Attempt: Sendable {
        case success(ChatCompletion)
        case failure(ChatError)
        /// An answer arrived but the acceptance check turned it down.
        case rejected(ChatCompletion, ChatError)
        case cancelled
    }

    private enum Slot<Verdict: Sendable>: Sendable {
        case model(ModelID, Attempt, verdict: Verdict?, finished: EpochInstant)
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
        await run(models: models, settings: settings, call: call, accept: { _, _ in Judgement(verdict: ()) },
                  onResult: { onResult($0.result) }).map(\.result)
    }

    /// Runs the fan-out and judges each answer as it arrives with `accept`; every result comes with
    /// the verdict on its answer.
    public func run<Verdict: Sendable>(
        models: [ModelID],
        settings: FanOutSettings,
        call: @escaping Call,
        accept: @escaping Acceptance<Verdict>,
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
                    var attempt = await Self.attempt(model, call: call)
                    var verdict: Verdict?
                    if case .success(let completion) = attempt {
                        let judgement = accept(model, completion)
                        verdict = judgement.verdict
                        if let rejection = judgement.rejection { attempt = .rejected(completion, rejection) }
                    }
                    return .model(model, attempt, verdict: verdict, finished: clock.now)
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
                case .model(let model, let attempt, let verdict, let finished)?:
                    pending -= 1
                    let latency = start.duration(to: finished)
                    let (outcome, breakerVerdict) = Self.outcome(of: attempt, stopped: stopped, timeout: settings.perModelTimeout, latency: latency)
                    var modelResult = ModelResult(model: model, outcome: outcome, latency: latency)
                    if case .rejected(let completion, _) = attempt { modelResult.rejectedAnswer = completion }
                    let result = Judged(result: modelResult, verdict: verdict)
                    breakerVerdicts.append((model, breakerVerdict))
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

    /// A request's outcome, given why the fan-out stopped, and what it tells the model's breaker:
    /// a per-model timeout is the model's fault; the turn's deadline, early completion and Ctrl-C are not.
    private static func outcome(of attempt: Attempt, stopped: Stop?, timeout: Duration, latency: Duration) -> (ModelOutcome, BreakerBoard.Verdict) {
        switch attempt {
        case .success(let completion): return (.arrived(completion), .success)
        case .failure(let error): return (.failed(error), error.countsAgainstAvailability ? .failure : .cancellation)
        case .rejected(_, let error): return (.failed(error), .success)
        case .cancelled:
            switch stopped {
            case .perModelTimeout?: return (.timedOut(after: timeout), .failure)
            case .deadline?: return (.timedOut(after: latency), .cancellation)
            case .earlyCompletion?: return (.cancelled(.earlyCompletion), .cancellation)
            case nil: return (.cancelled(.user), .cancellation)
            }
        }
    }

    private static func attempt(_ model: ModelID, call: Call) async -> Attempt {
        do {
            return .success(try await call(model))
        } catch let error as ChatError {
            return Task.isCancelled ? .cancelled : .failure(error)
        } catch is CancellationError {
            return .cancelled
        } catch {
            return Task.isCancelled ? .cancelled : .failure(.connectionFailed(String(describing: error)))
        }
    }
}
