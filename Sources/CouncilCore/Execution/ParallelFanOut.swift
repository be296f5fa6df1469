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

/// Queries every model at once and reports each outcome as it happens: the latency tax is paid once.
public struct ParallelFanOut: Sendable {
    public typealias Call = @Sendable (ModelID) async throws -> ChatCompletion
    /// Checks an answer that arrived; a returned error makes it a failure (it counts against the
    /// model's breaker and not towards `minResponses`), e.g. a review without a usable ranking.
    public typealias Acceptance = @Sendable (ModelID, ChatCompletion) -> ChatError?

    public let breakers: BreakerBoard
    public let clock: any EpochClock

    public init(breakers: BreakerBoard, clock: any EpochClock = SystemClock()) {
        self.breakers = breakers
        self.clock = clock
    }

    /// The outcomes as an `AsyncStream`; ending the iteration early cancels the requests.
    public func events(models: [ModelID], settings: FanOutSettings, call: @escaping Call) -> AsyncStream<ModelResult> {
        AsyncStream { continuation in
            let task = Task {
                _ = await run(models: models, settings: settings, call: call, onResult: { continuation.yield($0) })
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
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
        case cancelled
    }

    private enum Slot: Sendable {
        case model(ModelID, Attempt, finished: EpochInstant)
        case timer(Stop)
    }

    /// Runs the fan-out, calling `onResult` as each model ends; returns every result in arrival order.
    /// Cancelling the calling task cancels every request in flight (reported `cancelled(.user)`).
    public func run(
        models: [ModelID],
        settings: FanOutSettings,
        call: @escaping Call,
        accept: Acceptance? = nil,
        onResult: @escaping @Sendable (ModelResult) -> Void = { _ in }
    ) async -> [ModelResult] {
        let start = clock.now
        var seen = Set<ModelID>()
        let unique = models.filter { seen.insert($0).inserted }
        let permissions = await breakers.permit(unique)
        var results: [ModelResult] = []
        var callable: [ModelID] = []
        for model in unique {
            if case .blocked(let remaining)? = permissions[model] {
                let result = ModelResult(model: model, outcome: .blocked(remaining: remaining), latency: .zero)
                results.append(result)
                onResult(result)
            } else {
                callable.append(model)
            }
        }
        guard !callable.isEmpty else { return results }

        let clock = self.clock
        var verdicts: [(ModelID, BreakerBoard.Verdict)] = []
        await withTaskGroup(of: Slot?.self) { group in
            for model in callable {
                group.addTask {
                    var attempt = await Self.attempt(model, call: call)
                    if case .success(let completion) = attempt, let rejection = accept?(model, completion) {
                        attempt = .failure(rejection)
                    }
                    return .model(model, attempt, finished: clock.now)
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
                case .model(let model, let attempt, let finished)?:
                    pending -= 1
                    let latency = start.duration(to: finished)
                    let (outcome, verdict) = Self.outcome(of: attempt, stopped: stopped, timeout: settings.perModelTimeout, latency: latency)
                    let result = ModelResult(model: model, outcome: outcome, latency: latency)
                    verdicts.append((model, verdict))
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
        await breakers.record(verdicts)
        return results
    }

    /// A request's outcome, given why the fan-out stopped, and what it tells the model's breaker:
    /// a per-model timeout is the model's fault; the turn's deadline, early completion and Ctrl-C are not.
    private static func outcome(of attempt: Attempt, stopped: Stop?, timeout: Duration, latency: Duration) -> (ModelOutcome, BreakerBoard.Verdict) {
        switch attempt {
        case .success(let completion): return (.arrived(completion), .success)
        case .failure(let error): return (.failed(error), .failure)
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
