import Foundation
import Testing
import CouncilCore
import CouncilTestSupport

/// `--debate` as the built binary runs it, over the scripted councils of `JudgementEndToEndTests`.
@Suite(.serialized, .timeLimit(.minutes(2))) struct DebateEndToEndTests {
    @Test func autoRevisesWhenDividedAndNotWhenAgreed() async throws {
        let split = try await JudgementEndToEndTests.council(JudgementEndToEndTests.split)
        defer { Task { await split.stop() } }
        let (environment, home) = try CouncilBinary.environment(server: split)
        defer { try? FileManager.default.removeItem(at: home) }
        let divided = try await CouncilBinary.run(["ask", "--debate", "auto", "--json", "Which?"], environment: environment)
        #expect(divided.status == 0, "\(divided.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(divided.stdout.utf8)) as? [String: Any])
        #expect((document["revision"] as? [[String: Any]])?.compactMap { $0["text"] as? String }.sorted()
                == ["Revised answer from alpha.", "Revised answer from bravo.", "Revised answer from charlie."])
        #expect(divided.stderr.contains("revision: asking 3 models"))
        #expect(divided.stderr.components(separatedBy: "review: asking 3 models").count == 3, "the review runs again: \(divided.stderr)")
        // Below 0 nothing is: the same split council does not debate.
        let threshold = try await CouncilBinary.run(["ask", "--debate", "auto", "--debate-below", "0", "Which?"], environment: environment)
        #expect(threshold.status == 0 && !threshold.stderr.contains("revision:"), "\(threshold.stderr)")
        // The store keeps first and revised answers; /show prints both.
        let shown = try await CouncilBinary.run(["sessions", "show", "ask"], environment: environment)
        #expect(shown.stdout.components(separatedBy: "── revision ──").count == 2, "only the first turn debated")
        #expect(shown.stdout.contains("── revision ──") && shown.stdout.contains("Revised answer from bravo."))
        #expect(shown.stdout.contains("── generation ──") && shown.stdout.contains("Answer from bravo."))

        let agreed = try await JudgementEndToEndTests.council { _, _, text in JudgementEndToEndTests.author(text) }
        defer { Task { await agreed.stop() } }
        let (calm, calmHome) = try CouncilBinary.environment(server: agreed)
        defer { try? FileManager.default.removeItem(at: calmHome) }
        let unanimous = try await CouncilBinary.run(["ask", "--debate", "auto", "--json", "Which?"], environment: calm)
        let quiet = try #require(try JSONSerialization.jsonObject(with: Data(unanimous.stdout.utf8)) as? [String: Any])
        #expect((quiet["revision"] as? [Any])?.isEmpty == true)
        #expect(!unanimous.stderr.contains("revision:"))
        #expect(!agreed.requests.contains { CouncilRequestView($0).kind == .revision })
    }

    @Test func aTiersOwnDebateRunsUnlessAFlagSaysOtherwise() async throws {
        let agreed = try await JudgementEndToEndTests.council { _, _, text in JudgementEndToEndTests.author(text) }
        defer { Task { await agreed.stop() } }
        let (environment, home) = try CouncilBinary.environment(server: agreed)
        defer { try? FileManager.default.removeItem(at: home) }
        let file = try #require(environment["COUNCIL_CONFIG"])
        let config = try String(contentsOfFile: file, encoding: .utf8)
        try config.replacingOccurrences(of: "  balanced:\n", with: "  balanced:\n    debate: on\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let shown = try await CouncilBinary.run(["config"], environment: environment)
        #expect(shown.stdout.contains("tiers.balanced.debate"), "\(shown.stdout)")
        let debated = try await CouncilBinary.run(["ask", "Which?"], environment: environment)
        #expect(debated.stderr.contains("revision: asking 3 models"), "\(debated.stderr)")
        let quick = try await CouncilBinary.run(["ask", "--tier", "quick", "Which?"], environment: environment)
        #expect(!quick.stderr.contains("revision:"), "another tier keeps the top level's off")
        let overruled = try await CouncilBinary.run(["ask", "--debate", "off", "Which?"], environment: environment)
        #expect(!overruled.stderr.contains("revision:"), "a flag is every tier's")
    }
}
