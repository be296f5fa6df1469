import Testing
import CouncilCore
import CouncilTestSupport

/// The prompt tokens providers say they read from (or wrote to) their cache, under each gateway's names.
@Suite struct CachedTokensTests {
    static func finish(usage: String) -> [String] {
        [#"data: {"choices":[{"index":0,"delta":{"content":"Four."},"finish_reason":null}]}"# + "\n\n",
         #"data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":"# + usage + "}\n\ndata: [DONE]\n\n"]
    }

    @Test(arguments: [
        (#"{"prompt_tokens":812,"completion_tokens":9,"prompt_tokens_details":{"cached_tokens":640}}"#, 640, 0),  // OpenAI
        (#"{"prompt_tokens":812,"completion_tokens":9,"prompt_tokens_details":{"cached_tokens":0,"cache_write_tokens":700}}"#, 0, 700),  // OpenRouter
        (#"{"prompt_tokens":812,"completion_tokens":9,"prompt_cache_hit_tokens":512,"prompt_cache_miss_tokens":300}"#, 512, 0),  // DeepSeek
        (#"{"prompt_tokens":812,"completion_tokens":9,"cache_read_input_tokens":600,"cache_creation_input_tokens":200}"#, 600, 200),  // LiteLLM
        (#"{"prompt_tokens":812,"completion_tokens":9}"#, 0, 0),
    ])
    func aStreamsUsageSaysWhatTheCacheDid(usage: String, cached: Int, written: Int) async throws {
        try await withServer(["m": .raw(contentType: "text/event-stream", writes: Self.finish(usage: usage))]) { server in
            let completion = try await client(server).complete(model: "m", messages: [.user("2+2?")])
            #expect(completion.usage?.promptTokens == 812)
            #expect(completion.usage?.cachedTokens == cached)
            #expect(completion.usage?.cacheWriteTokens == written)
        }
    }

    @Test func cachedPromptTokensCostTheCachedPriceWhenOneIsKnown() {
        let usage = Usage(promptTokens: 1_000_000, completionTokens: 0, cachedTokens: 600_000)
        #expect(ModelPrice(inputPerMillion: 2, cachedInputPerMillion: 0.5).cost(of: usage) == 0.8 + 0.3)
        #expect(ModelPrice(inputPerMillion: 2).cost(of: usage) == 2, "without a cached price, the input price")
        #expect(ModelPrice(cachedInputPerMillion: 0.5).cost(of: usage) == nil, "the uncached part has no price")
    }
}
