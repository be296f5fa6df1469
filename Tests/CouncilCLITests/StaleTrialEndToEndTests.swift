import CouncilCore
import CouncilStore
import CouncilTestSupport
import Foundation
import Testing
@testable import CouncilCLI

/// A half-open breaker saved with its trial in flight belongs to a process that ended mid-request:
/// that trial will never report back. Loading the breakers releases it, so the model gets a new
/// trial instead of being blocked for good. Through the app's own load path and through the binary.
@Suite(.serialized, .timeLimit(.minutes(1))) struct StaleTrialEndToEndTests {
    /// A database in the run's data directory whose `alpha` breaker has a trial in flight.
    static func homeWithAStaleTrial(server: ScriptedServer) async throws -> (environment: [String: String], home: URL) {
        let (environment, home) = try CouncilBinary.environment(server: server)
        let directory = home.appendingPathComponent("council")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try CouncilStore(path: directory.appendingPathComponent("council.db").path)
        try await store.saveBreakers(["alpha": CircuitBreaker(state: .halfOpen(trialInFlight: true), samples: [])])
        #expect(try await store.loadBreakers()["alpha"]?.state == .halfOpen(trialInFlight: true), "the stale trial is saved")
        return (environment, home)
    }

    @Test func startingTheRuntimeReleasesAStaleTrial() async throws {
        let server = try await CouncilBinary.council()
        let (environment, home) = try await Self.homeWithAStaleTrial(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let runtime = try await CouncilRuntime.start(flags: ConfigFlags(), environment: environment)
        #expect(await runtime.breakers.breaker("alpha").state == .halfOpen(trialInFlight: false))
        #expect(await runtime.breakers.status("alpha") == .trial, "alpha may be tried again")
        await server.stop()
    }

    @Test func aModelWithAStaleTrialIsTriedAgainAndRecovers() async throws {
        let server = try await CouncilBinary.council()
        let (environment, home) = try await Self.homeWithAStaleTrial(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let run = try await CouncilBinary.run(["ask", "What is 2+2?"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(server.requests.contains { $0.model == "alpha" && CouncilRequestView($0).kind == .generation }, "alpha was not tried:\n\(run.stderr)")
        let store = try CouncilStore(path: home.appendingPathComponent("council/council.db").path)
        #expect(try await store.loadBreakers()["alpha"]?.state == .closed, "a successful trial closes the breaker")
        await server.stop()
    }
}
