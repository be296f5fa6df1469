/// The three stages of a turn.
public enum Stage: String, Sendable, Codable, CaseIterable {
    case generation, review, synthesis
}

/// Everything a user must see while a turn runs; the REPL and the store derive all they show from these.
public enum CouncilEvent: Sendable {
    case stageStarted(Stage, models: [ModelID])
    /// A model ended its part of a stage (arrived, timed out, failed, cancelled, blocked).
    case modelFinished(Stage, ModelResult)
    /// A model is streaming: how much of its answer has arrived so far.
    case modelProgress(Stage, model: ModelID, receivedCharacters: Int)
    case reviewParsed(reviewer: ModelID, ranking: [ModelID])
    case reviewRejected(reviewer: ModelID, reason: String)
    case aggregate(AggregateRanking)
    case stageFinished(Stage, elapsed: Duration)
    /// Why this model writes the synthesis (configured, best ranked, or taking over from one that failed).
    case chairmanChosen(ModelID, reason: String)
    case synthesisDelta(String)
    case turnFinished(TurnResult)
}
