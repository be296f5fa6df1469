import Foundation
import Testing
import CouncilCore
import CouncilTestSupport
import CouncilStore

/// Cached prompt tokens as providers report them: in the turn's footer, `--json`, `/stats` and the cost.
@Suite(.serialized, .timeLimit(.minutes(2))) struct CachedTokensEndToEndTests {
    // Each model's answer: 200 prompt tokens, 160 of them read from the cache, 70 out.
    static let usage = Usage(promptTokens: 200, completionTokens: 70, cachedTokens: 160)

    @Test func cachedTokensAreShownStoredAndPricedAtTheCachedPrice() async throws {
        let server = try await OneShotEndToEndTests.server { .stream("Answer from \($0.model).", usage: Self.usage) }
        let (environment, home) = try CouncilBinary.environment(server: server, alpha: "price: {input: 2, output: 10, cached_input: 0.5}")
        defer { try? FileManager.default.removeItem(at: home) }

        // Three answers of 270 tokens (480 cached), three reviews and a synthesis of 20 each.
        let plain = try await CouncilBinary.run(["ask", "What is 2+2?"], environment: environment)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stderr.contains("890 tokens, 480 cached"), "\(plain.stderr)")
        let store = try CouncilStore(path: home.appendingPathComponent("council/council.db").path)
        let session = try #require(try await store.session(named: "ask"))
        let stored = try #require(try await store.turn(session: session.id!, number: 1))
        #expect(stored.turn.cachedTokens == 480)
        #expect(stored.results(of: .generation).map(\.cachedTokens) == [160, 160, 160])

        let json = try await CouncilBinary.run(["ask", "--json", "What is 3+3?"], environment: environment)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let totals = try #require(document["totals"] as? [String: Any])
        #expect(totals["cached_tokens"] as? Int == 480)
        let generation = try #require(document["generation"] as? [[String: Any]])
        let alpha = try #require(generation.first { $0["model"] as? String == "alpha" })
        #expect(alpha["cached_tokens"] as? Int == 160)
        // 40 uncached at $2, 160 cached at $0.50 and 70 out at $10 per million.
        let usage = try #require(document["usage"] as? [String: [String: Any]])
        let cost = try #require(usage["generation/alpha"]?["cost"] as? Double)
        #expect(usage["generation/alpha"]?["cached_tokens"] as? Int == 160)
        #expect(abs(cost - 0.00086) < 1e-12, "\(cost)")

        let stats = try await CouncilBinary.run([], environment: environment, stdin: "/stats\n")
        let squeezed = stats.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        // alpha over both turns: two answers, two reviews, two syntheses; only the answers were cached.
        #expect(squeezed.contains { $0.hasPrefix("alpha") && $0.contains("448 / 172 (320)") }, "\(stats.stdout)")
        let config = try await CouncilBinary.run(["config"], environment: environment)
        #expect(config.stdout.contains("models.alpha.price.cached_input"), "\(config.stdout)")
        await server.stop()
    }
}
