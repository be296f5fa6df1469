import Foundation
import Testing
import CouncilCore
import CouncilTestSupport
import CouncilStore

/// What the binary does about breakers, keys, oversized answers and failed chairmen, run as a script
/// runs it: pipes, exit codes, and the store read back across runs.
@Suite(.serialized) struct TrustEndToEndTests {
    static func server(generation: @escaping @Sendable (ScriptedRequest) -> ScriptedReply,
                       synthesis: @escaping @Sendable (ModelID) -> ScriptedReply = { .stream("Final answer by \($0).") }) async throws -> ScriptedServer {
        let script = CouncilScript(answers: [:], review: { _, view in .stream(view.ranking { $0.count }) },
                                   synthesis: { model, _ in synthesis(model) })
        return try await ScriptedServer.start { request in
            CouncilRequestView(request).kind == .generation ? generation(request) : script.reply(to: request)
        }
    }

    @Test func aWrongKeyIsSaidOncePerProviderAndBlocksNothingOnceFixed() async throws {
        let good = "sk-local-right-0123456789", wrong = "sk-local-WRONG-0123456789"
        let server = try await Self.server { request in
            request.headers["authorization"] == "Bearer \(good)" ? .stream("Answer from \(request.model).") : .error(status: 401, message: "invalid key")
        }
        let (environment, home) = try CouncilBinary.environment(server: server, apiKey: wrong)
        defer { try? FileManager.default.removeItem(at: home) }
        for _ in 0..<6 {
            let run = try await CouncilBinary.run(["ask", "anything"], environment: environment)
            #expect(run.status == 1)
            let notice = "provider 'local' rejected the key in LOCAL_KEY"
            #expect(run.stderr.components(separatedBy: notice + " (HTTP 401: invalid key) — its models").count == 2, "said once: \(run.stderr)")
            #expect(!run.stderr.contains("breaker"), "\(run.stderr)")
            #expect(!(run.stdout + run.stderr).contains("WRONG"))
        }
        var fixed = environment
        fixed["LOCAL_KEY"] = good
        let run = try await CouncilBinary.run(["ask", "anything"], environment: fixed)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "Final answer by alpha.\n")
        await server.stop()
    }

    @Test func breakersOpenOnTheBoardAndScriptsCanListAndResetThem() async throws {
        let server = try await Self.server { request in
            request.model == "bravo" ? .error(status: 503, message: "overloaded") : .stream("Answer from \(request.model).")
        }
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        var last = CouncilBinary.Run(status: 0, stdout: "", stderr: "")
        for _ in 0..<5 { last = try await CouncilBinary.run(["ask", "anything"], environment: environment) }
        #expect(last.stderr.contains("⛔ bravo: breaker opened — 5 of 5 failed in 10 min; skipped for 30 min"), "\(last.stderr)")

        let listed = try await CouncilBinary.run(["breakers", "list"], environment: environment)
        #expect(listed.status == 0)
        let bravo = listed.stdout.split(separator: "\n").first { $0.hasPrefix("bravo") }.map(String.init) ?? ""
        #expect(bravo.contains("open, 30 min left") && bravo.hasSuffix("5 of 5"), "\(listed.stdout)")

        let unknown = try await CouncilBinary.run(["breakers", "reset", "brav0"], environment: environment)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean bravo?"))

        let reset = try await CouncilBinary.run(["breakers", "reset", "bravo"], environment: environment)
        #expect(reset.status == 0, "\(reset.stderr)")
        let again = try await CouncilBinary.run(["breakers"], environment: environment)
        let row = again.stdout.split(separator: "\n").first { $0.hasPrefix("bravo") }.map(String.init) ?? ""
        #expect(row.contains("closed") && row.hasSuffix("0 of 0"), "\(again.stdout)")
        let before = server.requests.filter { $0.model == "bravo" }.count
        _ = try await CouncilBinary.run(["ask", "anything"], environment: environment)
        #expect(server.requests.filter { $0.model == "bravo" }.count > before, "a reset breaker lets its model be asked again")
        await server.stop()
    }

    @Test func aChairmanThatFailsMidAnswerLeavesNothingOnAPipedStdout() async throws {
        let server = try await Self.server(generation: { .stream("Answer from \($0.model).") }, synthesis: { model in
            model == "alpha" ? .cut(afterText: "Half of a fragm") : .stream("Final answer by \(model).")
        })
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let run = try await CouncilBinary.run(["ask", "anything"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("fragm"), "\(run.stdout)")
        #expect(run.stdout.hasPrefix("Final answer by "), "\(run.stdout)")
        await server.stop()
    }

    @Test func anAnswerPastTheCapIsCutMarkedOnTheBoardAndStoredAsTruncated() async throws {
        let server = try await Self.server(generation: { request in
            request.model == "bravo" ? .flood(bytes: 32 << 20, chunkBytes: 4096) : .stream("Answer from \(request.model).")
        })
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let run = try await CouncilBinary.run(["ask", "--mode", "answers", "--max-answer-bytes", "5000", "anything"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("bravo arrived in") && run.stderr.contains("truncated at the size cap"), "\(run.stderr)")
        let store = try CouncilStore(path: home.appendingPathComponent("council/council.db").path)
        let session = try #require(try await store.session(named: "ask"))
        let turn = try #require(try await store.turn(session: session.id!, number: 1))
        let bravo = try #require(turn.results(of: .generation).first { $0.model == "bravo" })
        #expect(bravo.text.utf8.count == 5000)
        #expect(bravo.error == CouncilStore.truncatedNote)

        let json = try await CouncilBinary.run(["ask", "--json", "--mode", "answers", "--max-answer-bytes", "5000", "anything"], environment: environment)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let generation = try #require(document["generation"] as? [[String: Any]])
        #expect(generation.first { $0["model"] as? String == "bravo" }?["truncated"] as? Bool == true)
        #expect(generation.first { $0["model"] as? String == "alpha" }?["truncated"] == nil)
        await server.stop()
    }
}
