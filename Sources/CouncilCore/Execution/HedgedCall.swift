/// One model's request under timers of its own, both counted from the start of the fan-out (the
/// original request's start): the model's own timeout, and a hedge. When no first token has come after
/// `hedgeAfter`, the same request is sent once more (never a third time); whichever of the two streams
/// first is kept and the other cancelled, so its connection closes.
///
/// A request that fails before any first token leaves the other to be awaited; when both fail, the
/// original request's failure is kept — what the model would have reported without a hedge — unless
/// the failed one had already streamed and been kept. The model's breaker hears one verdict either way.
/// Usage: the kept request's counts as any call's; a cancelled request reports none, since what a
/// gateway bills for a request cut short is not known here and no number is made up for it.
struct HedgedCall: Sendable {
    let model: ModelID
    let start: EpochInstant
    /// The model's own timeout; `nil` leaves it to the fan-out's one timer.
    let timeout: Duration?
    let hedgeAfter: Duration?
    let clock: any EpochClock

    private enum Event: Sendable {
        case ended(request: Int, CallAttempt)
        case hedgeDue
        case timedOut(after: Duration)
    }

    /// How the call ended, and whether the hedge was sent.
    func run(race: FirstTokenRace, call: @escaping ParallelFanOut.StreamingCall,
             onHedge: @escaping @Sendable (Duration) -> Void) async -> (attempt: CallAttempt, hedged: Bool) {
        let model = self.model, clock = self.clock, start = self.start
        let send: @Sendable (Int) async -> Event = { request in
            .ended(request: request, await race.run(request) { try await call(model, $0) })
        }
        return await withTaskGroup(of: Event?.self) { group in
            group.addTask { await send(0) }
            if let hedgeAfter {
                group.addTask { await Self.sleep(clock, until: start.advanced(by: hedgeAfter)) ? .hedgeDue : nil }
            }
            if let timeout {
                group.addTask { await Self.sleep(clock, until: start.advanced(by: timeout)) ? .timedOut(after: timeout) : nil }
            }
            var running = 1
            var hedged = false
            var originalFailure: CallAttempt?
            for await event in group {
                switch event {
                case nil:
                    continue
                case .hedgeDue?:
                    // Only while the original is out without a first token, and only once.
                    guard let hedgeAfter, running == 1, !Task.isCancelled, race.claimHedge() else { continue }
                    hedged = true
                    running += 1
                    onHedge(hedgeAfter)
                    group.addTask { await send(1) }
                case .timedOut(let after)?:
                    group.cancelAll()
                    return (.timedOut(after: after), hedged)
                case .ended(let request, let attempt)?:
                    running -= 1
                    if race.lost(request) { continue }  // the other streamed first; this one was cancelled for it
                    if case .success = attempt {
                        group.cancelAll()
                        return (attempt, hedged)
                    }
                    if request == 0 { originalFailure = attempt }
                    if running > 0, race.kept == nil { continue }  // the other may still answer
                    group.cancelAll()
                    if Task.isCancelled { return (.cancelled, hedged) }
                    return (race.kept == request ? attempt : originalFailure ?? attempt, hedged)
                }
            }
            return (.cancelled, hedged)
        }
    }

    /// Sleeps on the injected clock; false when cancelled first.
    private static func sleep(_ clock: any EpochClock, until deadline: EpochInstant) async -> Bool {
        do {
            try await clock.sleep(until: deadline, tolerance: nil)
            return true
        } catch {
            return false
        }
    }
}
