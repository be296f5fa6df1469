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
                _ = await run(models: models, settings: settings, call: call) { continuation.yield($0) }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Runs the fan-out, calling `onResult` as each model ends; returns every result in arrival order.
    /// Cancelling the calling task cancels every request in flight (reported `cancelled(.user)`).
    public func run(
        models: [ModelID],
        settings: FanOutSettings,
        call: @escaping Call,
        onResult: @escaping @Sendable (ModelResult) -> Void = { _ in }
    ) async -> [ModelResult] {
        let start = clock.now
        var results: [ModelResult] = []
        var seen = Set<ModelID>()
        var callable: [ModelID] = []
        for model in models where seen.insert(model).inserted {
            if case .blocked(let remaining) = await breakers.permit(model) {
                let result = ModelResult(model: model, outcome: .blocked(remaining: remaining), latency: .zero)
                results.append(result)
                onResult(result)
            } else {
                callable.append(model)
            }
        }
        guard !callable.isEmpty else { return results }

        enum Slot: Sendable {
            case model(ModelResult)
            case deadlineReached
        }
        let clock = self.clock
        let breakers = self.breakers
        let timeout = settings.perModelTimeout

        return await withTaskGroup(of: Slot?.self, returning: [ModelResult].self) { group in
            for model in callable {
                group.addTask {
                    .model(await Self.attempt(model, call: call, timeout: timeout, start: start, clock: clock, breakers: breakers))
                }
            }
            if let deadline = settings.deadline {
                group.addTask {
                    do { try await clock.sleep(until: start.advanced(by: deadline), tolerance: nil) } catch { return nil }
                    return .deadlineReached
                }
            }
            var pending = callable.count
            var successes = 0
            var stopReason: StopReason?
            for await slot in group {
                guard let slot else { continue }
                switch slot {
                case .deadlineReached:
                    if pending > 0, stopReason == nil {
                        stopReason = .deadline
                        group.cancelAll()
                    }
                case .model(var result):
                    pending -= 1
                    if case .cancelled = result.outcome {
                        switch stopReason {
                        case .deadline?: result.outcome = .timedOut(after: result.latency)
                        case .earlyCompletion?: result.outcome = .cancelled(.earlyCompletion)
                        case nil: result.outcome = .cancelled(.user)
                        }
                    }
                    results.append(result)
                    onResult(result)
                    if result.outcome.isSuccess {
                        successes += 1
                        if let k = settings.minResponses, successes >= k, pending > 0, stopReason == nil {
                            stopReason = .earlyCompletion
                            group.cancelAll()
                        }
                    }
                    if pending == 0 { group.cancelAll() }  // releases the deadline sleeper
                }
            }
            return results
        }
    }

    private enum StopReason { case earlyCompletion, deadline }

    private enum Attempt: Sendable {
        case success(ChatCompletion)
        case failure(ChatError)
        case timeout
        case cancelled
    }

    /// One model's request raced against its timeout, with its breaker updated after.
    private static func attempt(
        _ model: ModelID, call: @escaping Call, timeout: Duration,
        start: EpochInstant, clock: any EpochClock, breakers: BreakerBoard
    ) async -> ModelResult {
        let attempt = await withTaskGroup(of: Attempt?.self, returning: Attempt.self) { race in
            race.addTask {
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
            race.addTask {
                do { try await clock.sleep(until: clock.now.advanced(by: timeout), tolerance: nil) } catch { return nil }
                return .timeout
            }
            var first: Attempt = .cancelled
            for await candidate in race {
                if let candidate {
                    first = candidate
                    break
                }
            }
            race.cancelAll()
            return first
        }
        let latency = start.duration(to: clock.now)
        switch attempt {
        case .success(let completion):
            await breakers.recordSuccess(model)
            return ModelResult(model: model, outcome: .arrived(completion), latency: latency)
        case .failure(let error):
            await breakers.recordFailure(model)
            return ModelResult(model: model, outcome: .failed(error), latency: latency)
        case .timeout:
            await breakers.recordFailure(model)
            return ModelResult(model: model, outcome: .timedOut(after: timeout), latency: latency)
        case .cancelled:
            await breakers.recordCancellation(model)
            return ModelResult(model: model, outcome: .cancelled(.user), latency: latency)
        }
    }
}
