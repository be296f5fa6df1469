import Foundation

/// Runs one turn through the three stages: parallel generation, parallel anonymised peer review,
/// chairman synthesis. Emits `CouncilEvent`s as things happen; never prints.
public struct Council: Sendable {
    public let router: ModelRouter
    public let breakers: BreakerBoard
    public let clock: any EpochClock
    /// Fixes the reviewers' shuffles (tests); `nil` shuffles at random.
    public let shuffleSeed: UInt64?

    public init(router: ModelRouter, breakers: BreakerBoard, clock: any EpochClock = SystemClock(), shuffleSeed: UInt64? = nil) {
        self.router = router
        self.breakers = breakers
        self.clock = clock
        self.shuffleSeed = shuffleSeed
    }

    /// Runs the turn; cancelling the calling task cancels every request in flight.
    public func run(_ request: CouncilRequest, onEvent: @escaping @Sendable (CouncilEvent) -> Void = { _ in }) async -> TurnResult {
        var turn = TurnRun(request: request, council: self, onEvent: onEvent)
        let result = await turn.run()
        onEvent(.turnFinished(result))
        return result
    }

    /// A call that reports its progress as `modelProgress` events.
    func call(_ model: ModelID, _ messages: [ChatMessage], options: RequestOptions, stage: Stage,
              turn: TurnCalls, gate: DeltaGate) async throws -> ChatCompletion {
        let received = ReceivedCharacters()
        return try await call(model, messages, options: options, turn: turn, gate: gate, onDelta: { delta in
            turn.onEvent(.modelProgress(stage, model: model, receivedCharacters: received.add(delta.count)))
        }, onReasoning: { turn.onEvent(.modelThinking(stage, model: model, characters: $0)) })
    }

    /// Sends one request. A model without a provider is never sent; a provider that refused its key
    /// earlier in the turn is not asked again (neither counts against a breaker). Every delta, content
    /// or reasoning, passes `gate` first: only the kept request of a hedged pair is heard.
    func call(_ model: ModelID, _ messages: [ChatMessage], options: RequestOptions = .none, turn: TurnCalls,
              gate: DeltaGate = .open,
              onDelta: @escaping @Sendable (String) -> Void = { _ in },
              onReasoning: @escaping @Sendable (Int) -> Void = { _ in }) async throws -> ChatCompletion {
        guard let provider = router.provider(for: model) else {
            throw ChatError.notConfigured("no provider for model \(model)")
        }
        let name = provider.providerName
        if let name, let reason = turn.rejected.reason(for: name) {
            throw ChatError.unauthorized(status: 401, message: "not sent: \(reason)")
        }
        do {
            return try await provider.complete(model: model, messages: messages, options: options,
                                               onDelta: { if gate.pass() { onDelta($0) } },
                                               onReasoning: { if gate.pass() { onReasoning($0) } })
        } catch ChatError.unauthorized(let status, let message) {
            if let name, turn.rejected.reject(name, reason: message) {
                turn.onEvent(.providerRejected(provider: name, reason: message))
            }
            throw ChatError.unauthorized(status: status, message: message)
        }
    }
}
