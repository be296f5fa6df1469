import Foundation
import Testing
import CouncilCore
import CouncilTestSupport

/// `cache: anthropic`: the message that ends the stable prefix carries `cache_control`, and only it.
@Suite struct CacheMarksWireTests {
    let conversation: [ChatMessage] = [.system("Be brief."), .user("Name a river."), .assistant("The Seine."), .user("Where?")]

    private func sentMessages(_ marks: CacheMarks?, endpoint: CacheMarks = .off, _ messages: [ChatMessage]) async throws -> [[String: Any]] {
        try await withServer(["m": .stream("Paris.")]) { server in
            let provider = OpenAICompatibleClient(endpoint: ProviderEndpoint(name: "scripted", baseURL: server.baseURL, cacheMarks: endpoint))
            _ = try await provider.complete(model: "m", messages: messages, options: RequestOptions(cacheMarks: marks)) { _ in }
            return try #require(server.requests.first?.json["messages"] as? [[String: Any]])
        }
    }

    @Test func theMessageBeforeTheNewOneIsMarked() async throws {
        let sent = try await sentMessages(.anthropic, conversation)
        let part = try #require((sent[2]["content"] as? [[String: Any]])?.first)
        #expect(part["type"] as? String == "text")
        #expect(part["text"] as? String == "The Seine.")
        #expect((part["cache_control"] as? [String: Any])?["type"] as? String == "ephemeral")
        #expect(sent[2]["role"] as? String == "assistant")
        for index in [0, 1, 3] { #expect(sent[index]["content"] is String, "message \(index) is left as it was") }
    }

    @Test func offByDefaultAndAModelsChoiceBeatsItsProviders() async throws {
        let plain = try await withServer(["m": .stream("Paris.")]) { server in
            _ = try await client(server).complete(model: "m", messages: conversation)
            return try #require(server.requests.first?.json["messages"] as? [[String: Any]])
        }
        #expect(plain.allSatisfy { $0["content"] is String })
        let fromProvider = try await sentMessages(nil, endpoint: .anthropic, conversation)
        #expect(fromProvider[2]["content"] is [[String: Any]])
        let modelOff = try await sentMessages(.off, endpoint: .anthropic, conversation)
        #expect(modelOff.allSatisfy { $0["content"] is String })
        let alone = try await sentMessages(.anthropic, [.user("Where?")])
        #expect(alone.allSatisfy { $0["content"] is String }, "a lone question has no stable prefix")
    }
}
