import CouncilCore
import Testing
@testable import CouncilCLI

/// `/history`, `/show` and `/bias` over a real store and the scripted server: what the stored ballots say.
@Suite(.timeLimit(.minutes(2))) struct JudgementEffectTests {
    /// A harness whose session 's' has had one turn, and sessions `others` with none.
    static func oneTurn(others: [String] = []) async throws -> (ReplHarness, ReplState) {
        let h = try await ReplHarness()
        for name in ["s"] + others { _ = try await h.runtime.store.createSession(named: name) }
        var state = try await h.state(of: "s")
        await h.type("What is 2+2?", &state)
        _ = h.take()
        return (h, state)
    }

    @Test func historyAndShowPrintTheStoredAgreement() async throws {
        let (h, first) = try await Self.oneTurn()
        defer { Task { await h.close() } }
        var state = first
        let stored = try #require(try await h.runtime.store.turn(session: state.session.id, number: 1))
        let agreement = try #require(stored.turn.ranking?.agreement)
        let figure = try #require(stored.turn.agreement, "three ballots of two answers make a figure")
        #expect(agreement.value == figure)
        await h.type("/history", &state)
        let history = h.take()
        #expect(history.contains("agreement") && history.contains(AgreementWords.figure(figure) + " " + AgreementStrength(figure).rawValue),
                "\(history)")
        await h.type("/show 1", &state)
        let shown = h.take()
        #expect(shown.contains(AgreementWords.line(agreement)), "\(shown)")
    }

    @Test func biasMeasuresThisSessionOrAll() async throws {
        let (h, first) = try await Self.oneTurn(others: ["empty"])
        defer { Task { await h.close() } }
        var state = first
        await h.type("/bias", &state)
        let one = h.take()
        #expect(one.contains("reviewer bias over session 's':"), "\(one)")
        for model in ["alpha", "bravo", "charlie"] { #expect(one.contains("\n\(model) "), "\(model) has a row: \(one)") }
        #expect(one.contains("too few (1/5)"), "one ballot each is no figure")

        var empty = try await h.state(of: "empty")
        await h.type("/bias", &empty)
        #expect(h.take().contains("no counted reviews stored yet"))
        await h.type("/bias all", &empty)
        let all = h.take()
        #expect(all.contains("every stored session") && all.contains("too few (1/5)"), "\(all)")
    }
}
