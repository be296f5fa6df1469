import CouncilCore
import CouncilTestSupport
import Foundation
import Synchronization

/// The hostile council of the soak (o): six models on the scripted server, each with its own way of
/// failing, on a fixed rhythm (request k of a model fails when k says so), in every stage alike.
///   steady   answers in 20–80 ms (the chairman; one synthesis in 40 is cut, so another model takes over)
///   slow     streams five pieces 150 ms apart after 300 ms
///   flaky    503 on one request in three, 429 with Retry-After on one in six
///   hanging  sends its headers and a word, then nothing, on one request in four
///   cut      drops the connection mid-answer on one in three
///   garbage  200 with bytes that are no chat completion on one in three (a broken event, HTML, wrong JSON)
final class SoakScript: Sendable {
    static let models: [ModelID] = ["steady", "slow", "flaky", "hanging", "cut", "garbage"]
    private let counts = Mutex<[ModelID: Int]>([:])

    func reply(to request: ScriptedRequest) -> ScriptedReply {
        let model = request.model
        let k = counts.withLock { counts in
            counts[model, default: 0] += 1
            return counts[model]!
        }
        let view = CouncilRequestView(request)
        let text: String = switch view.kind {
        case .generation, .revision: "Answer from \(model): the council weighs it."
        case .review: view.ranking { $0.count }
        case .synthesis: "The council's answer, written by \(model)."
        }
        let answer = ScriptedReply.stream(text, delay: .milliseconds(20 + (k * 7) % 60))
        switch model {
        case "steady":
            return view.kind == .synthesis && k % 40 == 0 ? .cut(afterText: "The council's ans") : answer
        case "slow":
            return .stream(text, delay: .milliseconds(300), pieces: 5, gap: .milliseconds(150))
        case "flaky":
            if k % 3 == 0 { return .error(status: 503, message: "upstream overloaded") }
            if k % 6 == 1 { return .error(status: 429, message: "slow down", retryAfter: 1) }
            return answer
        case "hanging":
            return k % 4 == 0 ? .hang(afterText: "Let me think") : answer
        case "cut":
            return k % 3 == 0 ? .cut(afterText: "Half an ans") : answer
        case "garbage":
            guard k % 3 == 0 else { return answer }
            return Self.garbage[(k / 3) % Self.garbage.count]
        default:
            return .error(status: 404, message: "model \(model) not found")
        }
    }

    static let garbage: [ScriptedReply] = [
        .raw(contentType: "text/event-stream",
             writes: ["data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"fine so far\"}}]}\n\n", "data: {\"choices\":[{\"delta\":\u{7}\u{1b}[31m\n\n",
                      "data: [DONE]\n\n"]),
        .raw(contentType: "text/html", writes: ["<html><body><h1>502 Bad Gateway</h1></body></html>"]),
        .raw(contentType: "application/json", writes: ["{\"choices\": 42, \"usage\": \"lots\"}"]),
        .raw(contentType: "text/event-stream", writes: [String(repeating: "\u{FFFD}garbage without a newline ", count: 200)]),
    ]
}
