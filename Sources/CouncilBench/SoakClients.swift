import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

/// The clients of the soak: `clients` loops sharing `turns` turns, in a fixed mix — every tenth a
/// streamed turn whose client leaves 100–1,000 ms after sending; of the rest, half streamed, half
/// whole. Every request has a deadline: one that passes it is a stuck turn, counted, never waited for.
struct SoakClients {
    let url: String
    let turns: Int
    let clients: Int
    let deadline: Duration = .seconds(150)
    /// Whether every tenth client leaves mid-stream (not in the check that every slot came back).
    var leaving = true

    /// What happened to the turns, and each model's stage-1 outcomes as the council reported them.
    struct Tally {
        var endings: [String: Int] = [:]
        var outcomes: [String: [String: Int]] = [:]
        var busyRetries = 0
        /// How long each turn refused with 429 waited for a slot, in ms.
        var busyWaits: [Double] = []
    }

    /// Runs every turn; `onTurn(n)` after the n-th ends (the sampler's clock).
    func run(onTurn: @escaping @Sendable (Int) -> Void) async -> Tally {
        let shared = Shared()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<clients {
                group.addTask {
                    while case let turn = shared.next.withLock({ value -> Int in value += 1; return value }), turn <= turns {
                        let (ending, outcomes, retries, waited) = await one(turn)
                        shared.tally.withLock { tally in
                            tally.endings[ending, default: 0] += 1
                            tally.busyRetries += retries
                            if retries > 0 { tally.busyWaits.append(waited) }
                            for (model, kind) in outcomes { tally.outcomes[model, default: [:]][kind, default: 0] += 1 }
                        }
                        onTurn(shared.done.withLock { $0 += 1; return $0 })
                    }
                }
            }
        }
        return shared.tally.withLock { $0 }
    }

    /// What the client loops share: the next turn to take, the turns ended, the tally.
    private final class Shared: Sendable {
        let next = Mutex(0), done = Mutex(0), tally = Mutex(Tally())
    }

    /// One turn, retried after 50 ms while the server says 429 (a slot not yet given back by a
    /// client that just left): how it ended, the outcomes it reported, the retries.
    private func one(_ turn: Int) async -> (String, [(String, String)], Int, Double) {
        let leaves = leaving && turn % 10 == 3, stream = leaves || turn % 2 == 0
        let body = TurnClient.chat("soak question \(turn)", stream: stream)
        var retries = 0
        let start = ContinuousClock.now
        var waited: Double { (ContinuousClock.now - start).milliseconds }
        var slotWait = 0.0
        while true {
            let result = await Self.attempt { [url, deadline] in
                try await SoakClients.within(deadline) {
                    if leaves { return try await Self.leave(url, body, after: .milliseconds(100 + (turn * 37) % 900), deadline: deadline) }
                    return try await TurnClient.post(url, body, timeout: deadline)
                }
            }
            switch result {
            case .failure(is Left): return ("left mid-turn (on purpose)", [], retries, waited)
            case .failure(is Stuck): return ("STUCK: no end within \(deadline)", [], retries, waited)
            case .failure(let error): return ("client error: \(type(of: error))", [], retries, waited)
            case .success(let answer) where answer.status == 429 && retries < 200:
                retries += 1
                slotWait = waited
                try? await Task.sleep(for: .milliseconds(50))
            case .success(let answer):
                let shape = leaves ? "streamed, ended before its client left" : stream ? "streamed" : "whole"
                let complete = !stream || answer.body.hasSuffix("data: [DONE]\n\n")
                // The wait for a slot: up to the last refusal, not the turn itself.
                return ("\(answer.status) \(shape)\(complete ? "" : " WITHOUT [DONE]")", Self.outcomes(answer.body), retries,
                        retries == 0 ? 0 : slotWait)
            }
        }
    }

    private struct Left: Error {}
    private struct Stuck: Error {}

    /// A streamed turn whose client goes away `after` sending it (unless it ended first).
    private static func leave(_ url: String, _ body: String, after: Duration, deadline: Duration) async throws -> TurnClient.Answer {
        let reading = Task { try await TurnClient.post(url, body, timeout: deadline) }
        try? await Task.sleep(for: after)
        reading.cancel()
        guard let answer = try? await reading.value else { throw Left() }
        return answer
    }

    private static func attempt<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    static func within<T: Sendable>(_ deadline: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: deadline)
                throw Stuck()
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    /// `council.models` of a whole answer, or of a stream's last chunk.
    static func outcomes(_ body: String) -> [(String, String)] {
        let json = body.hasPrefix("{") ? body
            : body.components(separatedBy: "\n\n").last { $0.hasPrefix("data: {") && $0.contains("\"council\"") }.map { String($0.dropFirst(6)) }
        guard let data = json?.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let models = (object["council"] as? [String: Any])?["models"] as? [[String: Any]] else { return [] }
        return models.compactMap { entry in (entry["model"] as? String).flatMap { model in (entry["outcome"] as? String).map { (model, $0) } } }
    }
}
