import CouncilCore
import Testing
@testable import CouncilCLI

/// `/models` and `/breakers` list the models the council can call; the built-in OpenRouter models
/// without a key are one line, not eleven rows.
@Suite struct CallableModelsTests {
    @Test(arguments: ["/models", "/breakers"])
    func onlyCallableModelsAreRowsTheRestOneLine(command: String) async throws {
        let h = try await ReplHarness()
        defer { Task { await h.close() } }
        _ = try await h.runtime.store.createSession(named: "s")
        var state = try await h.state(of: "s")
        await h.type(command, &state)
        let text = h.take()
        let rows = text.split(separator: "\n").filter { !$0.hasPrefix("[err]") }
        #expect(rows.contains { $0.hasPrefix("alpha ") })
        #expect(!rows.contains { $0.contains("openai/gpt-4o") }, "\(text)")
        let notes = text.split(separator: "\n").filter { $0.contains("not callable") }
        #expect(notes.count == 1)
        #expect(notes.first?.contains("and 8 more (provider 'openrouter' has no API key: set OPENROUTER_API_KEY)") == true, "\(text)")
    }
}
