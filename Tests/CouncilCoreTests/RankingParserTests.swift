import CouncilTestSupport
import Synchronization
import Testing
@testable import CouncilCore

@Suite struct RankingParserTests {
    static let abc = ["A", "B", "C"]

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let reply: String
        let expected: Result<[String], RankingParser.Failure>
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "plain list", reply: "Good.\nFINAL RANKING:\n1. Response C\n2. Response A\n3. Response B", expected: .success(["C", "A", "B"])),
        Case(name: "extra whitespace", reply: "FINAL RANKING:   \n\n   1.   Response  B  \n  2.Response A\n3. Response C   \n", expected: .success(["B", "A", "C"])),
        Case(name: "markdown emphasis", reply: "**FINAL RANKING:**\n1. **Response A**\n2. *Response C*\n3. __Response B__", expected: .success(["A", "C", "B"])),
        Case(name: "heading", reply: "## Final Ranking\n1. Response B\n2. Response C\n3. Response A", expected: .success(["B", "C", "A"])),
        Case(name: "code fence", reply: "```\nFINAL RANKING:\n1. Response C\n2. Response B\n3. Response A\n```", expected: .success(["C", "B", "A"])),
        Case(name: "lower case", reply: "final ranking:\n1. response b\n2. response a\n3. response c", expected: .success(["B", "A", "C"])),
        Case(name: "bare labels", reply: "FINAL RANKING:\n1. C\n2) A\n3. B", expected: .success(["C", "A", "B"])),
        Case(name: "commentary after each item", reply: "FINAL RANKING:\n1. Response A - most accurate\n2. Response C (thorough)\n3. Response B: vague", expected: .success(["A", "C", "B"])),
        Case(name: "one line", reply: "FINAL RANKING: Response B > Response C > Response A", expected: .success(["B", "C", "A"])),
        Case(name: "last block wins", reply: "FINAL RANKING:\n1. Response A\n2. Response B\n3. Response C\n\nOn reflection:\nFINAL RANKING:\n1. Response C\n2. Response B\n3. Response A", expected: .success(["C", "B", "A"])),
        Case(name: "unknown labels ignored", reply: "FINAL RANKING:\n1. Response Z\n2. Response B\n3. Response A\n4. Response C", expected: .success(["B", "A", "C"])),
        Case(name: "json", reply: "Critique.\n{\"ranking\": [\"Response B\", \"Response C\", \"Response A\"]}", expected: .success(["B", "C", "A"])),
        Case(name: "json bare labels in fence", reply: "```json\n{\"ranking\": [\"c\", \"a\", \"b\"]}\n```", expected: .success(["C", "A", "B"])),
        Case(name: "duplicate", reply: "FINAL RANKING:\n1. Response A\n2. Response A\n3. Response B", expected: .failure(.duplicate("A"))),
        Case(name: "missing one", reply: "FINAL RANKING:\n1. Response A\n2. Response B", expected: .failure(.missing(["C"]))),
        Case(name: "no ranking", reply: "I think they are all fine.", expected: .failure(.noRanking)),
        Case(name: "marker without list", reply: "FINAL RANKING:\nI cannot decide.", expected: .failure(.noRanking)),
        Case(name: "empty", reply: "", expected: .failure(.noRanking)),
        Case(name: "only unknown labels", reply: "FINAL RANKING:\n1. Response X\n2. Response Y", expected: .failure(.noRanking)),
    ]

    @Test(arguments: cases)
    func parses(_ testCase: Case) {
        #expect(RankingParser.parse(testCase.reply, labels: Self.abc) == testCase.expected)
    }

    @Test func labelsBeyondZ() {
        let labels = ResponseLabel.labels(count: 28)
        #expect(labels.suffix(3) == ["Z", "AA", "AB"])
        let reply = "FINAL RANKING:\n" + labels.reversed().enumerated().map { "\($0.offset + 1). Response \($0.element)" }.joined(separator: "\n")
        #expect(RankingParser.parse(reply, labels: labels) == .success(labels.reversed()))
    }

    /// Every `{` was tried up to the first `}` after it: 5.7 s for 20,000 braces, hours for a review at
    /// the 4 MiB cap. One pass now; the deadline (on a thread of its own) fails a rescan, not a slow machine.
    @Test func aReplyOfBracesIsReadInOnePass() async {
        let results = Mutex<[Result<[String], RankingParser.Failure>]>([])
        let labels = Self.abc
        let finished = await finishes(within: .seconds(60)) {
            let braces = RankingParser.parse(String(repeating: "{\"ranking\": [", count: 100_000) + "}", labels: labels)
            let last = RankingParser.parse(String(repeating: "{", count: 1_000_000) + #"{"ranking": ["C", "B", "A"]}"#, labels: labels)
            results.withLock { $0 = [braces, last] }
        }
        #expect(finished)
        #expect(results.withLock { $0 } == [.failure(.noRanking), .success(["C", "B", "A"])])
    }
}

@Suite struct AggregateRankingTests {
    @Test func averageRankAndBordaWithSelfVotesExcluded() {
        let votes = [
            ReviewVote(reviewer: "a", ranking: ["a", "b", "c"]),  // self-vote for a dropped: b 1st, c 2nd
            ReviewVote(reviewer: "b", ranking: ["c", "a", "b"]),  // c 1st, a 2nd
            ReviewVote(reviewer: "c", ranking: ["b", "c", "a"]),  // b 1st, a 2nd
        ]
        let aggregate = AggregateRanking(votes: votes, answers: ["a", "b", "c"])
        #expect(aggregate.order == ["b", "c", "a"])
        let byModel = Dictionary(uniqueKeysWithValues: aggregate.entries.map { ($0.model, $0) })
        #expect(byModel["b"]?.averageRank == 1.0)
        #expect(byModel["b"]?.bordaPoints == 2)
        #expect(byModel["b"]?.votes == 2)
        #expect(byModel["c"]?.averageRank == 1.5)
        #expect(byModel["c"]?.bordaPoints == 1)
        #expect(byModel["a"]?.averageRank == 2.0)
        #expect(byModel["a"]?.bordaPoints == 0)
    }

    @Test func tiesAreBrokenDeterministically() {
        let votes = [ReviewVote(reviewer: "x", ranking: ["b", "a"]), ReviewVote(reviewer: "y", ranking: ["a", "b"])]
        #expect(AggregateRanking(votes: votes, answers: ["b", "a"]).order == ["a", "b"])
        #expect(AggregateRanking(votes: votes.reversed(), answers: ["a", "b"]).order == ["a", "b"])
    }

    @Test func answersWithoutVotesComeLast() {
        let aggregate = AggregateRanking(votes: [ReviewVote(reviewer: "a", ranking: ["a", "b"])], answers: ["a", "b"])
        #expect(aggregate.order == ["b", "a"])
        #expect(aggregate.entries.last?.averageRank == nil)
    }

    @Test func doesNotDependOnTheOrderVotesArriveIn() {
        var generator = SeededGenerator(seed: 42)
        let models: [ModelID] = (0..<7).map { ModelID("m\($0)") }
        for _ in 0..<200 {
            let votes = models.map { ReviewVote(reviewer: $0, ranking: models.shuffled(using: &generator)) }
            let reference = AggregateRanking(votes: votes, answers: models)
            for _ in 0..<5 {
                let shuffled = AggregateRanking(votes: votes.shuffled(using: &generator), answers: models.shuffled(using: &generator))
                #expect(shuffled == reference)
            }
        }
    }
}

@Suite struct TierHeuristicTests {
    @Test(arguments: [
        ("What's 2+2?", Tier.quick),
        ("Design a distributed database schema for a ride-sharing app", .reasoning),
        ("Compare Rust and Go for a CLI tool that talks to several HTTP APIs", .high),
        ("Here is my function:\n```swift\nfunc f() {}\n```\nWhat does it do?", .high),
        ("How should I structure a small team's weekly planning meeting so that it stays useful?", .balanced),
    ])
    func picksATierWithAReason(question: String, tier: Tier) {
        let choice = TierHeuristic.choose(for: question)
        #expect(choice.tier == tier)
        #expect(!choice.reason.isEmpty)
    }
}
