/// How much of the pipeline a turn runs.
public enum CouncilMode: String, Sendable, CaseIterable, Codable {
    /// Answers, peer review, chairman synthesis.
    case full
    /// Answers and the chairman's synthesis, without peer review.
    case synth
    /// Only the council's answers, side by side.
    case answers
}
