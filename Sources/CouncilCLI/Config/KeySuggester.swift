/// Finds the valid word nearest to a misspelt one (the edit distance slash commands use), for
/// "did you mean" hints.
public enum KeySuggester {
    /// The closest candidate, if it is close enough to be a likely typo.
    public static func suggestion(for word: String, among candidates: some Sequence<String>) -> String? {
        let lowered = word.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = EditDistance.between(lowered, candidate.lowercased())
            if distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        // Up to a third of the word may be wrong, and always at least two edits.
        return best.distance <= max(2, max(word.count, best.candidate.count) / 3) ? best.candidate : nil
    }
}
