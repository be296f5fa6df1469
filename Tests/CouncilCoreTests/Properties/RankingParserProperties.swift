import CouncilCore
import CouncilTestSupport
import PropertyBased
import Testing

/// Invariants of `RankingParser` on generated replies (`Fuzz/Sources/FuzzRanking` fuzzes the same).
@Suite struct RankingParserProperties {
    static let labelCounts = Gen.int(in: 1...6)

    static func labels(_ count: Int) -> [String] { (0..<count).map { String(UnicodeScalar(UInt8(65 + $0))) } }

    @Test func onlyLabelsThatExistEachOnce() async {
        await propertyCheck(count: 500, input: text(of: HostileText.review), Self.labelCounts) { reply, count in
            let labels = Self.labels(count)
            switch RankingParser.parse(reply, labels: labels) {
            case .success(let ranking):
                #expect(ranking.count == Set(ranking).count)
                #expect(Set(ranking) == Set(labels))
            case .failure(.duplicate(let label)):
                #expect(labels.contains(label))
            case .failure(.missing(let missing)):
                #expect(!missing.isEmpty && missing.allSatisfy(labels.contains))
            case .failure(.noRanking):
                break
            }
        }
    }

    /// A ranking written as asked, after any critique without the marker, is read exactly.
    @Test func aWrittenRankingIsReadAsWritten() async {
        let critique = text(of: HostileText.review.filter { !$0.lowercased().contains("ranking") && $0 != "{" })
        await propertyCheck(count: 300, input: critique, Gen.shuffled(Self.labels(6)), Self.labelCounts) { critique, shuffled, count in
            let order = shuffled.filter { Self.labels(count).contains($0) }
            let list = order.enumerated().map { "\($0 + 1). Response \($1)" }.joined(separator: "\n")
            let reply = critique + "\n\nFINAL RANKING:\n" + list + "\n"
            #expect(RankingParser.parse(reply, labels: Self.labels(count)) == .success(order))
        }
    }
}
