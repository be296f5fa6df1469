import CouncilCore
import Testing
@testable import CouncilCLI

/// `/bias` over a real store: this session's ballots, or every session's with `all`.
@Suite(.timeLimit(.minutes(2))) struct BiasEffectTests {
    @Test func biasMeasuresThisSessionOrAll() async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        _ = try await h.runtime.store.createSession(named: "s")
        _ = try await h.runtime.store.createSession(named: "empty")
        var state = try await h.state(of: "s")
        await h.type("What is 2+2?", &state)
        _ = h.take()
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
