/// The stages of a turn; `revision` is the debate round, run only when the turn debates.
public enum Stage: String, Sendable, Codable, CaseIterable {
    case generation, revision, review, synthesis
}

/// Everything a user must see while a turn runs; the REPL and the store derive all they show from these.
public enum CouncilEvent: Sendable {
    case stageStarted(Stage, models: [ModelID])
    /// A model ended its part of the generation or synthesis stage (arrived, timed out, failed,
    /// cancelled, blocked). Reviewers end theirs with `reviewFinished`.
    case modelFinished(Stage, ModelResult)
    /// A model is streaming: how much of its answer has arrived so far.
    case modelProgress(Stage, model: ModelID, receivedCharacters: Int)
    /// A reasoning model is thinking before it answers: how many characters of reasoning so far.
    case modelThinking(Stage, model: ModelID, characters: Int)
    /// A model had sent no first token after `after`, so the same request was sent to it once more;
    /// whichever streams first is kept (its result carries `hedgedAfter`).
    case modelHedged(Stage, model: ModelID, after: Duration)
    /// A reviewer ended its part of the review stage: its call, and the ranking read from its reply or
    /// why none could be (a rejected review loses its ballot; it does not count against the breaker).
    case reviewFinished(ReviewResult)
    case aggregate(AggregateRanking)
    /// How far the counted ballots agree, whether the winner is settled, who dissents; right after `aggregate`.
    case agreement(ReviewAgreement)
    case stageFinished(Stage, elapsed: Duration)
    /// Why this model writes the synthesis (configured, best ranked, or taking over from one that failed).
    case chairmanChosen(ModelID, reason: String)
    case synthesisDelta(String)
    /// A breaker opened, started its trial, closed, or opened again, as it happened.
    case breakerChanged(BreakerChange)
    /// A provider refused its key (401/403): said once per turn; its other models are not sent.
    case providerRejected(provider: String, reason: String)
    case turnFinished(TurnResult)
}
