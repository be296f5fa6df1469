import Synchronization
import Testing
import CouncilCore
import CouncilTestSupport

/// The debate round over real HTTP: who is asked to revise, what each sees, and what review and synthesis use.
@Suite(.timeLimit(.minutes(2))) struct DebateTests {
    static let models: [ModelID] = ["alpha", "bravo", "charlie"]

    static func author(_ text: String) -> Int { models.firstIndex { text.contains($0.rawValue) } ?? 0 }

    /// Reviewers rank by `score(reviewer, author)`, higher first; a revision says whose it is.
    static func script(_ score: @escaping @Sendable (Int, Int) -> Int) -> CouncilScript {
        CouncilScript(answers: Dictionary(uniqueKeysWithValues: models.map { ($0, .stream("First by \($0).")) }),
                      review: { reviewer, view in
                          let own = models.firstIndex(of: reviewer) ?? 0
                          return .stream(view.ranking { score(own, author($0)) })
                      },
                      revision: { model, _ in .stream("Revised by \(model).") })
    }

    /// A cycle: each reviewer puts the next model's answer first.
    static let split: @Sendable (Int, Int) -> Int = { own, author in -((author - own - 1 + 3) % 3) }
    /// Everyone prefers charlie, then bravo, then alpha.
    static let agreed: @Sendable (Int, Int) -> Int = { _, author in author }

    static func run(_ script: CouncilScript, debate: DebateMode) async throws -> (TurnResult, [CouncilEvent], [ScriptedRequest]) {
        let server = try await ScriptedServer.start(script: script.reply(to:))
        var request = CouncilRequest(question: "Which?", models: models, perModelTimeout: .seconds(10), budget: .seconds(30))
        request.debate = debate
        let events = Mutex<[CouncilEvent]>([])
        let council = Council(router: ModelRouter(models: models, provider: client(server)), breakers: BreakerBoard(), shuffleSeed: 3)
        let result = await council.run(request) { event in events.withLock { $0.append(event) } }
        await server.stop()
        return (result, events.withLock { $0 }, server.requests)
    }

    static func stages(_ events: [CouncilEvent]) -> [Stage] {
        events.compactMap { if case .stageStarted(let stage, _) = $0 { stage } else { nil } }
    }

    @Test func onRevisesBeforeTheReviewAndTheSynthesisUsesTheRevisions() async throws {
        let (result, events, requests) = try await Self.run(Self.script(Self.agreed), debate: .on)
        #expect(Self.stages(events) == [.generation, .revision, .review, .synthesis])
        #expect(result.revision.count == 3 && result.revision.allSatisfy { $0.outcome.isSuccess })
        #expect(result.usage.filter { $0.stage == .revision }.count == 3, "the round's tokens count")
        let revisions = requests.filter { CouncilRequestView($0).kind == .revision }
        #expect(revisions.count == 3)
        for request in revisions {
            // Its own first answer as its earlier reply; the others' as labelled material.
            let shown = CouncilRequestView(request).answers.map(\.text)
            #expect(shown.count == 2 && !shown.contains("First by \(request.model)."), "\(shown)")
            #expect(request.messages.contains { $0.role == .assistant && $0.content == "First by \(request.model)." })
        }
        let reviewed = requests.filter { CouncilRequestView($0).kind == .review }.flatMap { CouncilRequestView($0).answers.map(\.text) }
        #expect(!reviewed.isEmpty && reviewed.allSatisfy { $0.hasPrefix("Revised by") }, "the review judges the revised answers")
        let chaired = requests.filter { CouncilRequestView($0).kind == .synthesis }.flatMap { CouncilRequestView($0).answers.map(\.text) }
        #expect(Set(chaired) == ["Revised by alpha.", "Revised by bravo.", "Revised by charlie."])
    }

    @Test func autoDebatesADividedCouncilAndReviewsAgain() async throws {
        let (result, events, _) = try await Self.run(Self.script(Self.split), debate: .auto)
        #expect(Self.stages(events) == [.generation, .review, .revision, .review, .synthesis])
        #expect(result.revision.count == 3)
        #expect(result.reviews.allSatisfy { review in review.call.outcome.completion != nil })
        let agreements = events.compactMap { if case .agreement(let agreement) = $0 { agreement.value } else { nil } }
        #expect(agreements.count == 2, "an agreement for each review")
    }

    @Test func autoLeavesAnAgreedCouncilAlone() async throws {
        let (result, events, requests) = try await Self.run(Self.script(Self.agreed), debate: .auto)
        #expect(Self.stages(events) == [.generation, .review, .synthesis])
        #expect(result.revision.isEmpty)
        #expect(!requests.contains { CouncilRequestView($0).kind == .revision })
    }

    @Test func offNeverDebates() async throws {
        let (_, events, _) = try await Self.run(Self.script(Self.split), debate: .off)
        #expect(Self.stages(events) == [.generation, .review, .synthesis])
    }
}
