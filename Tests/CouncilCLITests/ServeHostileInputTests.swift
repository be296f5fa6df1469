import Foundation
import Testing
import CouncilCore
import CouncilTestSupport

/// Bodies and headers no client should send, sent to `council serve`: each gets a 4xx, nothing is asked
/// of the models, and the server goes on serving. Then a question with images, which only the models
/// that see images get.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ServeHostileInputTests {
    typealias Serve = ServeEndToEndTests

    static let deep = #"{"model":"council","messages":[{"role":"user","content":"q"}],"x":"#
        + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"

    static func asking(content: String) -> String { #"{"model":"council","messages":[{"role":"user","content":\#(content)}]}"# }

    static let hostile: [(body: String, message: String)] = [
        (#"{"model":"council","messages":[{"role":"user","content":"q""#, "not a chat-completions JSON object"),
        ("\u{0}\u{1}\u{FF}binary", "not a chat-completions JSON object"),
        ("[1, 2, 3]", "not a chat-completions JSON object"),
        (deep, "not a chat-completions JSON object"),
        (asking(content: "42"), "message 1's content must be a string or an array of content parts"),
        (asking(content: "true"), "message 1's content must be a string or an array of content parts"),
        (asking(content: #"{"text":"q"}"#), "message 1's content must be a string or an array of content parts"),
        (asking(content: "[1, 2]"), "message 1's content must be a string or an array of content parts"),
        (asking(content: "null"), "the last message must be the user's question"),
        (asking(content: #"[{"type":"input_audio"}]"#), "message 1 has a 'input_audio' part"),
        (#"{"model":"council","messages":[{"role":"tool","content":"q"}]}"#, "unknown role 'tool'"),
        (#"{"model":42,"messages":[{"role":"user","content":"q"}]}"#, "not a chat-completions JSON object"),
        (asking(content: #"[{"type":"image_url","image_url":{"url":"https://example.com/cat.png"}},{"type":"text","text":"q"}]"#),
         "must be a data: URL"),
        (asking(content: #"[{"type":"image_url","image_url":{"url":"data:image/png;base64,bm90IGFuIGltYWdl"}},{"type":"text","text":"q"}]"#),
         "image 1 is not a PNG, JPEG, GIF or WebP image"),
    ]

    @Test func everyHostileBodyIsA400AndTheServerGoesOn() async throws {
        let server = try await CouncilBinary.council()
        let served = try await Serve.Served(server: server)
        defer { served.stop() }
        let url = served.base + "/chat/completions"
        for (body, message) in Self.hostile {
            let response = try await Serve.send(url, body)
            #expect(response.status == 400, "\(body.prefix(80)): \(response.body)")
            let error = try Serve.json(response.body)["error"] as? [String: Any]
            #expect((error?["message"] as? String)?.contains(message) == true, "\(body.prefix(80)): \(response.body)")
        }
        let headers = [("X-Padding", String(repeating: "x", count: 100_000))]
        let oversized = try? await Serve.send(url, Serve.question, headers: headers)
        #expect(oversized.map { (400..<500).contains($0.status) } ?? true, "headers over the limit: \(oversized?.status ?? 0)")
        #expect(server.requests.isEmpty, "nothing is asked of the models")
        #expect(try await Serve.send(url, Serve.question).status == 200, "still serving")
        await server.stop()
    }

    /// A model's terminal control sequences never reach a client, which may print the answer to a terminal.
    @Test func aModelsControlSequencesNeverReachTheClient() async throws {
        let hostile = "\u{1B}]0;owned\u{07}Final \u{1B}[31mred\u{1B}[0m answer."
        let server = try await CouncilBinary.council(synthesis: { _ in .stream(hostile, pieces: 7) }, generation: { _ in .stream(hostile) })
        for mode in ["full", "answers"] {
            let served = try await Serve.Served(server: server, arguments: ["--mode", mode])
            defer { served.stop() }
            let whole = try await Serve.send(served.base + "/chat/completions", Serve.question)
            let content = ((try Serve.json(whole.body)["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any])?["content"] as? String
            #expect(content?.contains("Final red answer.") == true && content?.contains("\u{1B}") == false, "\(mode): \(whole.body)")
            let stream = try await Serve.send(served.base + "/chat/completions",
                                              Serve.question.replacingOccurrences(of: #""model""#, with: #""stream":true,"model""#))
            #expect(stream.body.contains("red") && !stream.body.contains("\\u001b") && !stream.body.contains("\u{1B}"), "\(mode): \(stream.body)")
        }
        await server.stop()
    }

    /// Thousands of messages: the conversation is trimmed to the context budget, the question kept.
    @Test func thousandsOfMessagesAreTrimmedToTheBudget() async throws {
        let server = try await CouncilBinary.council()
        let served = try await Serve.Served(server: server)
        defer { served.stop() }
        let turns = (0..<2_500).map { #"{"role":"user","content":"question \#($0)"},{"role":"assistant","content":"answer \#($0)"}"# }
        let body = #"{"model":"council","messages":[\#(turns.joined(separator: ",")),{"role":"user","content":"The last one?"}]}"#
        let response = try await Serve.send(served.base + "/chat/completions", body)
        #expect(response.status == 200, "\(response.body.prefix(300))")
        let asked = server.requests.filter { $0.lastUserText == "The last one?" }
        #expect(asked.count == 3)
        #expect(asked.allSatisfy { $0.messages.count < 5_001 && $0.messages.contains { $0.content == "answer 2499" } },
                "the latest turns carried, the oldest dropped")
        await server.stop()
    }

    /// An image part of the question goes to alpha (`vision: true`) only; one over max_attachment_bytes is refused.
    @Test func theQuestionsImagesGoToTheModelsThatSeeImages() async throws {
        let server = try await CouncilBinary.council()
        let served = try await Serve.Served(server: server, alpha: "vision: true", config: "max_attachment_bytes: 1000")
        defer { served.stop() }
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data("IHDR pixels".utf8)
        func asking(_ image: Data) -> String {
            Self.asking(content: #"[{"type":"text","text":"What is drawn?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,\#(image.base64EncodedString())"}}]"#)
        }
        let response = try await Serve.send(served.base + "/chat/completions", asking(png))
        #expect(response.status == 200, "\(response.body)")
        let answers = server.requests.filter { CouncilRequestView($0).kind == .generation }
        #expect(answers.first { $0.model == "alpha" }?.messages.last?.images.count == 1, "the vision model sees the image")
        #expect(answers.filter { $0.model != "alpha" }.allSatisfy { $0.messages.last?.images.isEmpty == true })

        let tooLarge = try await Serve.send(served.base + "/chat/completions", asking(png + Data(count: 2_000)))
        #expect(tooLarge.status == 400 && tooLarge.body.contains("over max_attachment_bytes (1000)"), "\(tooLarge.body)")
        await server.stop()
    }
}
