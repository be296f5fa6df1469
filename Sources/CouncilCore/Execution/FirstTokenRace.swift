import Synchronization

/// A model's requests in one stage, and which of them streamed first. The first delta (content or
/// reasoning) of a request marks the model's first token and keeps that request; the other request of
/// a hedged pair is cancelled at that moment, and any delta it still delivers is dropped.
final class FirstTokenRace: Sendable {
    typealias Request = Task<ChatCompletion, any Error>

    private struct State {
        /// The request whose first token came first.
        var kept: Int?
        var firstToken: EpochInstant?
        var hedged = false
        /// Requests running as tasks of their own, so that one can be cancelled alone.
        var running: [Int: Request] = [:]
    }
    private let state = Mutex(State())
    private let clock: any EpochClock

    init(clock: any EpochClock) { self.clock = clock }

    /// When the kept request's first token arrived; `nil` while none has.
    var firstToken: EpochInstant? { state.withLock { $0.firstToken } }

    /// The request whose first token came first.
    var kept: Int? { state.withLock { $0.kept } }

    func gate(_ request: Int) -> DeltaGate { DeltaGate(race: self, request: request) }

    /// True when the other request streamed first (this one was cancelled for it).
    func lost(_ request: Int) -> Bool { state.withLock { $0.kept.map { $0 != request } ?? false } }

    /// Takes the one hedge a model has: false once a first token has come or a hedge was sent.
    func claimHedge() -> Bool {
        state.withLock { state in
            guard state.kept == nil, !state.hedged else { return false }
            state.hedged = true
            return true
        }
    }

    /// The gate of `request` saw a delta: true when that request is the one kept.
    fileprivate func pass(_ request: Int) -> Bool {
        let (kept, losers) = state.withLock { state -> (Bool, [Request]) in
            if let kept = state.kept { return (kept == request, []) }
            state.kept = request
            state.firstToken = clock.now
            return (true, state.running.filter { $0.key != request }.map(\.value))
        }
        for loser in losers { loser.cancel() }
        return kept
    }

    /// Runs `request` as a task of its own, which the other request's first token cancels; cancelling
    /// the calling task cancels it too.
    func run(_ request: Int, _ body: @escaping @Sendable (DeltaGate) async throws -> ChatCompletion) async -> CallAttempt {
        let gate = gate(request)
        let task = Task { try await body(gate) }
        let lostAlready = state.withLock { state -> Bool in
            state.running[request] = task
            return state.kept.map { $0 != request } ?? false
        }
        if lostAlready { task.cancel() }
        return await withTaskCancellationHandler {
            await CallAttempt.of { try await task.value }
        } onCancel: {
            task.cancel()
        }
    }
}

/// Handed to each request a fan-out sends: the request passes every delta it receives, content or
/// reasoning, through `pass()` before showing it. That is how the fan-out learns when the first token
/// came, and how only one of a hedged pair of requests reaches the screen.
public struct DeltaGate: Sendable {
    private let race: FirstTokenRace?
    private let request: Int

    init(race: FirstTokenRace?, request: Int) {
        self.race = race
        self.request = request
    }

    /// Lets every delta through and records nothing: a request sent outside a fan-out.
    public static let open = DeltaGate(race: nil, request: 0)

    /// The first call marks this request's first token. False when the other request of a hedged pair
    /// streamed first: drop the delta (this request is being cancelled).
    public func pass() -> Bool { race?.pass(request) ?? true }
}
