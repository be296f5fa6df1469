/// "Did you mean …?" for every mistyped word: commands, model ids, session names, config keys and
/// values. One rule, so the same typo finds the same word everywhere.
enum WordSuggestion {
    /// The nearest candidate to a mistyped word by edit distance, if one is close enough to be a
    /// plausible typo. For model ids the part after the last `/` also counts, so `gpt-4p` finds
    /// `openai/gpt-4o`. A candidate that starts with the word (`sess` → `session`) counts as close.
    static func nearest(_ word: String, in candidates: some Sequence<String>) -> String? {
        let typed = word.lowercased()
        guard !typed.isEmpty else { return nil }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let lowered = candidate.lowercased()
            let shortName = lowered.split(separator: "/").last.map(String.init) ?? lowered
            var distance = min(EditDistance.between(typed, lowered), EditDistance.between(typed, shortName))
            if typed.count >= 2, lowered.hasPrefix(typed) || shortName.hasPrefix(typed) { distance = min(distance, 1) }
            if distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        let limit = max(1, min(3, (typed.count + 2) / 3))
        guard let best, best.distance <= limit else { return nil }
        return best.candidate
    }

    /// ` — did you mean X?`, or nothing when no candidate is close.
    static func hint(_ word: String, in candidates: some Sequence<String>) -> String {
        nearest(word, in: candidates).map { " — did you mean \($0)?" } ?? ""
    }
}
