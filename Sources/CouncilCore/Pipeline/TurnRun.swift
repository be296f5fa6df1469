import Foundation

/// The state of one turn while it runs.
struct TurnRun {
    let request: CouncilRequest
    let council: Council
    let onEvent: @Sendable (CouncilEvent) -> Void
    let start: EpochInstant
    let fanOut: ParallelFanOut
    let context: [ChatMessage]
    /// The question with its attachments, rendered once for every model and stage.
    let question: QuestionMessages
    let calls: TurnCalls

    var result = TurnResult(status: .failed, finalAnswer: nil, synthesised: false, chairman: nil, generation: [],
                            reviews: [], aggregate: nil, synthesis: [], usage: [], stageTimes: [:],
                            totalTime: .zero, failureReasons: [:])

    init(request: CouncilRequest, council: Council, onEvent: @escaping @Sendable (CouncilEvent) -> Void) {
        var request = request
        var seen = Set<ModelID>()
        request.models = request.models.filter { seen.insert($0).inserted }  // a model sits on the council once
        self.request = request
        self.council = council
        self.onEvent = onEvent
        self.start = council.clock.now
        self.fanOut = ParallelFanOut(breakers: council.breakers, clock: council.clock) { onEvent(.breakerChanged($0)) }
        self.calls = TurnCalls(onEvent: onEvent)
        let question = QuestionMessages(request)
        self.question = question
        self.context = ConversationContext.messages(system: request.systemPrompt, history: request.history,
                                                    question: question.textOnly, budgetTokens: request.contextBudgetTokens)
    }

    /// The exchanges before the current question, as every stage after the first sees them.
    var earlierConversation: [ChatMessage] { Array(context.filter { $0.role != .system }.dropLast()) }

    var remaining: Duration { max(.zero, council.clock.now.duration(to: start.advanced(by: request.budget))) }

    /// The limits of `stage` for `models`, with each model's own timeout and hedge delay.
    func settings(_ stage: Stage, for models: [ModelID], minResponses: Int? = nil) -> FanOutSettings {
        var settings = FanOutSettings(perModelTimeout: request.timeout(for: stage), minResponses: minResponses, deadline: remaining)
        for model in models {
            let call = request.settings(stage, model)
            if let timeout = call.timeout { settings.modelTimeouts[model] = timeout }
            if let hedgeAfter = call.hedgeAfter { settings.hedgeDelays[model] = hedgeAfter }
        }
        return settings
    }

    /// `min_responses`, within what the stage can reach.
    func minResponses(of count: Int) -> Int? { request.minResponses.map { min(max($0, 1), count) } }

    mutating func run() async -> TurnResult {
        var answers = await generate()
        if Task.isCancelled { return finish(.cancelled) }
        guard !answers.isEmpty else {
            for item in result.generation { result.failureReasons[item.model] = item.outcome.summary }
            return finish(.failed)
        }
        if request.mode == .answers { return finish(hadTrouble ? .partial : .complete) }
        if request.debate == .on, answers.count >= 2, remaining > .zero {
            answers = await revise(answers)
            if Task.isCancelled { return finish(.cancelled) }
        }
        if request.mode == .full, answers.count >= 2, remaining > .zero {
            await review(answers)
            if Task.isCancelled { return finish(.cancelled) }
            if dividedAfterReview, remaining > .zero {
                answers = await revise(answers)
                if Task.isCancelled { return finish(.cancelled) }
                await review(answers)
                if Task.isCancelled { return finish(.cancelled) }
            }
        }
        await synthesise(answers)
        if Task.isCancelled { return finish(.cancelled) }
        if !result.synthesised, let top = result.aggregate?.order.first ?? answers.first?.model {
            result.finalAnswer = answers.first { $0.model == top }?.text
        }
        return finish(hadTrouble || !result.synthesised ? .partial : .complete)
    }

    /// A model failed, timed out or was skipped: the answer is built on less than was asked for.
    private var hadTrouble: Bool {
        result.generation.contains { item in
            switch item.outcome {
            case .failed, .timedOut, .blocked: true
            case .arrived, .cancelled: false
            }
        }
    }

    private mutating func finish(_ status: TurnStatus) -> TurnResult {
        result.status = status
        result.totalTime = start.duration(to: council.clock.now)
        return result
    }

    // MARK: Stage 1

    private mutating func generate() async -> [(model: ModelID, text: String)] {
        let stageStart = council.clock.now
        onEvent(.stageStarted(.generation, models: request.models))
        let council = self.council, request = self.request, onEvent = self.onEvent, calls = self.calls, question = self.question
        let limits = settings(.generation, for: request.models, minResponses: minResponses(of: request.models.count))
        result.generation = await fanOut.run(models: request.models, settings: limits,
                                             call: { model, gate in
                                                 try await council.call(model, request.context(.generation, for: model, question: question),
                                                                        options: request.settings(.generation, model).options,
                                                                        stage: .generation, turn: calls, gate: gate)
                                             },
                                             onHedge: { onEvent(.modelHedged(.generation, model: $0, after: $1)) },
                                             onResult: { onEvent(.modelFinished(.generation, $0)) })
        recordUsage(.generation, result.generation)
        endStage(.generation, since: stageStart)
        // Keep the council's order, not arrival order, so labels and prompts are stable.
        return request.models.compactMap { model in
            result.generation.first { $0.model == model }?.outcome.completion.map { (model, $0.text) }
        }
    }

    // MARK: Stage 2

    mutating func review(_ answers: [(model: ModelID, text: String)]) async {
        let stageStart = council.clock.now
        let reviewers = answers.map(\.model)
        var generator = SeededGenerator(seed: council.shuffleSeed ?? UInt64.random(in: .min ... .max))
        let assignments = PeerReview.assignments(question: question.textOnly.content, answers: answers, reviewers: reviewers,
                                                 conversation: earlierConversation, using: &generator)
            .map { $0.showing(self.request.visionModels.contains($0.reviewer) ? self.question.withImages.images : []) }
        let byReviewer = Dictionary(uniqueKeysWithValues: assignments.map { ($0.reviewer, $0) })
        onEvent(.stageStarted(.review, models: reviewers))

        // Each review is judged as it arrives; one without a usable ranking loses its ballot.
        let council = self.council, request = self.request, onEvent = self.onEvent, calls = self.calls
        let judged = await fanOut.run(
            models: reviewers, settings: settings(.review, for: reviewers, minResponses: minResponses(of: reviewers.count)),
            call: { model, gate in
                let settings = request.settings(.review, model)
                let messages = PeerReview.adding(settings.systemPrompt, to: byReviewer[model]?.messages ?? [])
                return try await council.call(model, messages, options: settings.options, stage: .review, turn: calls, gate: gate)
            },
            accept: { model, completion in Self.judge(completion.text, byReviewer[model]) },
            onHedge: { onEvent(.modelHedged(.review, model: $0, after: $1)) },
            onResult: { onEvent(.reviewFinished(ReviewResult(call: $0.result, verdict: $0.verdict,
                                                             labels: byReviewer[$0.result.model]?.modelForLabel ?? [:]))) })
        result.reviews = judged.map {
            ReviewResult(call: $0.result, verdict: $0.verdict, labels: byReviewer[$0.result.model]?.modelForLabel ?? [:])
        }
        recordUsage(.review, judged.map(\.result))
        let counted = result.reviews.compactMap(\.vote)
        if !counted.isEmpty {
            let aggregate = AggregateRanking(votes: counted, answers: reviewers)
            result.aggregate = aggregate
            onEvent(.aggregate(aggregate))
            result.agreement = ReviewAgreement(votes: counted, aggregate: aggregate)
            onEvent(.agreement(result.agreement!))
        }
        endStage(.review, since: stageStart)
    }

    /// Parses only the reviewer's own reply, against the labels that reviewer saw.
    static func judge(_ reply: String, _ assignment: PeerReview.Assignment?) -> Judgement<ReviewVerdict> {
        guard let assignment else {
            let reason = "no review was asked of this model"
            return Judgement(verdict: .rejected(reason: reason), rejection: ReviewVerdict.failure(reason: reason))
        }
        switch RankingParser.parse(reply, labels: assignment.labels) {
        case .success(let labels):
            return Judgement(verdict: .ranked(labels.compactMap { assignment.modelForLabel[$0] }))
        case .failure(let failure):
            return Judgement(verdict: .rejected(reason: failure.description),
                             rejection: ReviewVerdict.failure(reason: failure.description))
        }
    }

    // MARK: Stage 3

    private mutating func synthesise(_ answers: [(model: ModelID, text: String)]) async {
        let stageStart = council.clock.now
        let ranked = result.aggregate?.order ?? answers.map(\.model)
        var candidates: [ModelID] = []
        for model in [request.chairman].compactMap({ $0 }) + ranked where !candidates.contains(model) {
            candidates.append(model)
        }
        onEvent(.stageStarted(.synthesis, models: Array(candidates.prefix(1))))
        var previousFailure: String?
        for candidate in candidates where remaining > .zero {
            let reason: String = if let previousFailure {
                previousFailure
            } else if candidate == request.chairman {
                "configured chairman"
            } else if result.aggregate != nil {
                "best-ranked answer"
            } else {
                "first answer to arrive in council order"
            }
            onEvent(.chairmanChosen(candidate, reason: reason))
            let council = self.council, onEvent = self.onEvent, calls = self.calls
            let messages = Synthesis.messages(context: request.context(.synthesis, for: candidate, question: question),
                                              question: question.textOnly.content, answers: answers, ranking: result.aggregate,
                                              agreement: result.agreement)
            let options = request.settings(.synthesis, candidate).options
            let outcome = await fanOut.run(
                models: [candidate], settings: settings(.synthesis, for: [candidate]),
                call: { model, gate in
                    try await council.call(model, messages, options: options, turn: calls, gate: gate,
                                           onDelta: { onEvent(.synthesisDelta($0)) },
                                           onReasoning: { onEvent(.modelThinking(.synthesis, model: model, characters: $0)) })
                },
                onHedge: { onEvent(.modelHedged(.synthesis, model: $0, after: $1)) },
                onResult: { onEvent(.modelFinished(.synthesis, $0)) })
            result.synthesis += outcome
            recordUsage(.synthesis, outcome)
            if Task.isCancelled { break }
            if let done = outcome.first, let completion = done.outcome.completion {
                result.finalAnswer = completion.text
                result.synthesised = true
                result.chairman = candidate
                break
            }
            previousFailure = "taking over from \(candidate): " + (outcome.first.map { $0.outcome.summary } ?? "no result")
        }
        endStage(.synthesis, since: stageStart)
    }

    // MARK: Bookkeeping

    mutating func recordUsage(_ stage: Stage, _ results: [ModelResult]) {
        // Every call that came back with an answer was billed, a rejected review too.
        for item in results {
            guard let completion = item.billedAnswer else { continue }
            var usage = completion.usage ?? Usage(cost: nil)
            if usage.cost == nil, completion.usage != nil, let price = request.prices[item.model] {
                usage.cost = price.cost(of: usage)
            }
            result.usage.append(UsageLine(stage: stage, model: item.model, usage: usage))
        }
    }

    mutating func endStage(_ stage: Stage, since stageStart: EpochInstant) {
        let elapsed = stageStart.duration(to: council.clock.now)
        result.stageTimes[stage] = elapsed
        onEvent(.stageFinished(stage, elapsed: elapsed))
    }
}
