/// The debate round (Du et al. 2023): every model that answered reads the others' answers and answers
/// again, under the same timeouts, early completion, hedging and breakers as the first answers.
extension TurnRun {
    /// Whether the first review leaves the council divided enough to debate (`debate: auto`).
    var dividedAfterReview: Bool {
        request.debate == .auto && result.agreement?.value.map { $0 < request.debateBelow } == true
    }

    /// The answers after the round: each model's revision, or its first answer when no revision arrived.
    mutating func revise(_ answers: [(model: ModelID, text: String)]) async -> [(model: ModelID, text: String)] {
        let stageStart = council.clock.now
        let models = answers.map(\.model)
        // Labels are shuffled afresh, apart from the reviewers' shuffles.
        var generator = SeededGenerator(seed: (council.shuffleSeed ?? UInt64.random(in: .min ... .max)) &+ 1)
        var messages: [ModelID: [ChatMessage]] = [:]
        for answer in answers {
            messages[answer.model] = Revision.messages(context: request.context(.revision, for: answer.model, question: question), own: answer.text,
                                                      others: answers.filter { $0.model != answer.model }.map(\.text),
                                                      using: &generator)
        }
        onEvent(.stageStarted(.revision, models: models))
        let council = self.council, request = self.request, onEvent = self.onEvent, calls = self.calls, prompts = messages
        let revised = await fanOut.run(
            models: models, settings: settings(.revision, for: models, minResponses: minResponses(of: models.count)),
            call: { model, gate in
                try await council.call(model, prompts[model] ?? [], options: request.settings(.revision, model).options,
                                       stage: .revision, turn: calls, gate: gate)
            },
            onHedge: { onEvent(.modelHedged(.revision, model: $0, after: $1)) },
            onResult: { onEvent(.modelFinished(.revision, $0)) })
        result.revision = revised
        recordUsage(.revision, revised)
        endStage(.revision, since: stageStart)
        return answers.map { answer in
            (answer.model, revised.first { $0.model == answer.model }?.outcome.completion?.text ?? answer.text)
        }
    }
}
