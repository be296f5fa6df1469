import Foundation
import Testing
import CouncilCore
import CouncilTestSupport
import CouncilStore

/// Agreement, dissent and reviewer bias as the built binary reports them, over a scripted council of
/// alpha, bravo and charlie whose answers name their authors ("Answer from bravo.").
@Suite(.serialized, .timeLimit(.minutes(2))) struct JudgementEndToEndTests {
    static let models: [ModelID] = ["alpha", "bravo", "charlie"]

    static func author(_ text: String) -> Int { models.firstIndex { text.contains($0.rawValue) } ?? 0 }

    /// A council whose reviewers rank with `score(reviewer, view, answer text)`, higher first.
    static func council(_ score: @escaping @Sendable (ModelID, CouncilRequestView, String) -> Int) async throws -> ScriptedServer {
        let script = CouncilScript(answers: [:], review: { reviewer, view in .stream(view.ranking { score(reviewer, view, $0) }) },
                                   synthesis: { _, _ in .stream("Final.") })
        return try await ScriptedServer.start { request in
            switch CouncilRequestView(request).kind {
            case .generation: .stream("Answer from \(request.model).")
            case .revision: .stream("Revised answer from \(request.model).")
            case .review, .synthesis: script.reply(to: request)
            }
        }
    }

    /// Each reviewer puts the next model's answer first (alpha → bravo → charlie → alpha): a cycle.
    static let split: @Sendable (ModelID, CouncilRequestView, String) -> Int = { reviewer, _, text in
        let own = models.firstIndex(of: reviewer) ?? 0
        return -((author(text) - own - 1 + 3) % 3)
    }

    static func ask(_ environment: [String: String]) async throws -> [String: Any] {
        let run = try await CouncilBinary.run(["ask", "--json", "Which?"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test func aSplitCouncilShowsLowAgreementAndADissent() async throws {
        let server = try await Self.council(Self.split)
        defer { Task { await server.stop() } }
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }

        let document = try await Self.ask(environment)
        #expect(document["agreement"] as? Double == 0)
        #expect(document["agreement_ballots"] as? Int == 3)
        #expect(document["winner_decided"] as? Bool == false)
        let dissent = try #require(document["dissent"] as? [[String: Any]])
        // Every answer is level, so the consensus is alpha, bravo, charlie: bravo's charlie-over-alpha is its reverse.
        #expect(dissent.map { $0["reviewer"] as? String } == ["bravo"])
        #expect(dissent.first?["first"] as? String == "charlie")

        let plain = try await CouncilBinary.run(["ask", "Which?"], environment: environment)
        #expect(plain.stderr.contains("agreement 0.00 — split · winner not decided"), "\(plain.stderr)")
        #expect(plain.stderr.contains("dissent: bravo put charlie first"))
        // The chairman is told: its brief names the dissent by the labels it sees.
        let brief = try #require(server.requests.last { CouncilRequestView($0).kind == .synthesis }?.lastUserText)
        #expect(brief.contains("Reviewer agreement: 0.00 of 1 (split)."))
        #expect(brief.contains("The author of Response B, as a reviewer, departed most from the consensus and put Response C first."))

        let history = try await CouncilBinary.run(["sessions", "show", "ask"], environment: environment)
        #expect(history.stdout.contains("agreement 0.00 — split"), "/show prints the stored agreement")
        let export = try await CouncilBinary.run(["sessions", "export", "ask"], environment: environment)
        #expect(export.stdout.contains("- Reviewers: agreement 0.00 — split"))
        #expect(export.stdout.contains("- Reviewers' dissent: bravo put charlie first"))
    }

    @Test func anAgreedCouncilShowsStrongAgreementAndNoDissent() async throws {
        // Everyone prefers charlie, then bravo, then alpha.
        let server = try await Self.council { _, _, text in Self.author(text) }
        defer { Task { await server.stop() } }
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }

        let document = try await Self.ask(environment)
        #expect(document["agreement"] as? Double == 1)
        #expect((document["dissent"] as? [Any])?.isEmpty == true)
        let plain = try await CouncilBinary.run(["ask", "Which?"], environment: environment)
        #expect(plain.stderr.contains("agreement 1.00 — strong"), "\(plain.stderr)")
        #expect(!plain.stderr.contains("dissent:"))
    }

    @Test func councilBiasMeasuresTheStoredBallots() async throws {
        // alpha always picks the answer shown first; bravo its own; charlie prefers alpha, then bravo.
        let server = try await Self.council { reviewer, view, text in
            switch reviewer {
            case "alpha": text == view.answers.first?.text ? 1 : 0
            case "bravo": Self.author(text) == 1 ? 1 : 0
            default: -Self.author(text)
            }
        }
        defer { Task { await server.stop() } }
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }

        _ = try await Self.ask(environment)
        let early = try await CouncilBinary.run(["bias"], environment: environment)
        #expect(early.status == 0)
        #expect(early.stdout.contains("too few (1/5)"), "\(early.stdout)")
        #expect(!early.stdout.contains("vs"), "no figure on one ballot")

        for _ in 0..<4 { _ = try await Self.ask(environment) }
        let run = try await CouncilBinary.run(["bias", "--session", "ask", "--json"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let reviewers = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let byName = Dictionary(uniqueKeysWithValues: reviewers.map { ($0["reviewer"] as? String ?? "", $0) })
        #expect(byName.keys.sorted() == ["alpha", "bravo", "charlie"])
        #expect(byName["alpha"]?["position_first_shown_rate"] as? Double == 1)
        #expect(byName["alpha"]?["position_flagged"] as? Bool == true)
        #expect(byName["bravo"]?["self_first_rate"] as? Double == 1)
        #expect(byName["bravo"]?["self_flagged"] as? Bool == true)
        #expect(byName["charlie"]?["self_first_rate"] as? Double == 0)
        #expect(byName["charlie"]?["self_flagged"] as? Bool == false)
        #expect(byName["charlie"]?["ballots"] as? Int == 5)
        // charlie's favourite, alpha's answer, is the shorter: 18 characters against charlie's own 20.
        #expect(try #require(byName["charlie"]?["length_correlation"] as? Double) < -0.8)
        #expect(byName["charlie"]?["length_flagged"] as? Bool == true)

        let table = try await CouncilBinary.run(["bias"], environment: environment)
        #expect(table.stdout.contains("1.00 vs 0.33 ⚑"), "\(table.stdout)")
        let store = try CouncilStore(path: home.appendingPathComponent("council/council.db").path)
        _ = try await store.createSession(named: "quiet")
        let quiet = try await CouncilBinary.run(["bias", "--session", "quiet"], environment: environment)
        #expect(quiet.stdout.contains("no counted reviews stored yet"), "only that session's turns: \(quiet.stdout)")
        let missing = try await CouncilBinary.run(["bias", "--session", "nope"], environment: environment)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no session 'nope'"))
    }
}
