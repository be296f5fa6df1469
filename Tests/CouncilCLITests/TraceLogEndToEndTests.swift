import Foundation
import Testing
import CouncilCore
import CouncilTestSupport

/// `COUNCIL_LOG=debug`: every request's model, status and timing go to the log file, privately,
/// and the key never does, not even inside a gateway's error text.
@Suite(.serialized, .timeLimit(.minutes(2))) struct TraceLogEndToEndTests {
    @Test func theTraceRecordsRequestsAndNeverTheKey() async throws {
        let key = "local-test-credential-7f3a9c"
        let server = try await CouncilBinary.council(generation: { request in
            request.model == "charlie"
                ? .error(status: 500, message: "upstream said Bearer \(key) is not welcome")
                : .stream("Answer from \(request.model).")
        })
        let (environment, home) = try CouncilBinary.environment(server: server, apiKey: key)
        defer { try? FileManager.default.removeItem(at: home) }
        let log = home.appendingPathComponent("trace/council.log").path
        var traced = environment
        traced["COUNCIL_LOG"] = "debug"
        traced["COUNCIL_LOG_FILE"] = log

        let run = try await CouncilBinary.run(["ask", "What is 2+2?"], environment: traced)
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("request") && text.contains("model=alpha") && text.contains("status=200"), "\(text)")
        #expect(text.contains("failed") && text.contains("model=charlie"), "\(text)")
        #expect(!text.contains(key), "the key reached the trace log")
        let mode = try FileManager.default.attributesOfItem(atPath: log)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)

        // Off by default: no file at the default place.
        let quiet = try await CouncilBinary.run(["ask", "Again?"], environment: environment)
        #expect(quiet.status == 0)
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("council/council.log").path))
        await server.stop()
    }
}
