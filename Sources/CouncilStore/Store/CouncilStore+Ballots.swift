import CouncilCore
import GRDB

extension CouncilStore {
    /// Every counted ballot stored, of one session or of all, with the answers in the order its reviewer
    /// saw them, their lengths and the turn's consensus: what a bias report needs, oldest first.
    public func storedBallots(session: Int64? = nil) async throws -> [StoredBallot] {
        try await pool.read { db in
            var turns = TurnRecord.all()
            if let session { turns = turns.filter(TurnRecord.Columns.sessionID == session) }
            return try turns.order(TurnRecord.Columns.id).withResults().fetchAll(db).flatMap(Self.ballots(in:))
        }
    }

    static func ballots(in stored: TurnWithResults) -> [StoredBallot] {
        let lengths = Dictionary(stored.results(of: .generation).filter { $0.outcome == .arrived }.map { ($0.model, $0.text.count) },
                                 uniquingKeysWith: { first, _ in first })
        let consensus = stored.turn.ranking?.aggregate?.order ?? []
        return stored.results(of: .review).compactMap { review in
            guard let ranking = review.verdict?.ranking, let labels = review.labels else { return nil }
            // Labels run A … Z, AA, AB …: shorter first, then alphabetical, is the order they were shown in.
            let shown = labels.sorted { ($0.key.count, $0.key) < ($1.key.count, $1.key) }.map(\.value)
            return StoredBallot(reviewer: review.model, ranking: ranking, shown: shown, lengths: lengths, consensus: consensus)
        }
    }
}
