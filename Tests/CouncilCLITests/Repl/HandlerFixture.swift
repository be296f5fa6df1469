import CouncilCore
import Foundation
import Testing
@testable import CouncilCLI

/// A configuration of four callable models (alpha … delta) and one whose provider has no key
/// (`cloud/offline`), with a quick tier of two and the others of three, read through the real loader.
enum HandlerFixture {
    static let yaml = """
        providers:
          local: {base_url: "http://127.0.0.1:9/v1"}
          cloud: {base_url: "https://cloud.example/v1", api_key_env: CLOUD_TEST_KEY}
        models:
          alpha: {provider: local}
          bravo: {provider: local}
          charlie: {provider: local}
          delta: {provider: local}
          cloud/offline: {provider: cloud}
        tiers:
          quick: {models: [alpha, bravo], timeout: 10, budget: 20}
          balanced: {models: [alpha, bravo, charlie], timeout: 30, budget: 90}
          high: {models: [alpha, bravo, charlie], timeout: 60, budget: 180}
          reasoning: {models: [bravo, charlie, delta], timeout: 300, budget: 600}
        default_tier: balanced
        chairman: alpha
        min_responses: 2

        """

    static let config: CouncilConfig = {
        let sandbox = try! Sandbox()
        defer { sandbox.remove() }
        try! sandbox.writeConfig(yaml)
        return try! sandbox.loader().load().config
    }()

    static let context = CommandContext(
        config: config, knownModels: config.models.keys.sorted(),
        unreachable: ["cloud/offline": "provider 'cloud' has no API key: set CLOUD_TEST_KEY"])

    static let handler = CommandHandler(context: context)

    static func state(lastTurn: Int? = nil) -> ReplState {
        ReplState(session: OpenSession(id: 7, name: "work"), settings: SessionState(config: config),
                  history: [ConversationTurn(prompt: "q1", answer: "a1")], lastPrompt: "q1", lastTurnNumber: lastTurn)
    }

    /// Runs lines one after another from the fixture's state; returns the last reaction.
    static func run(_ lines: String..., from start: ReplState = state()) -> CommandReaction {
        var reaction = CommandReaction(state: start)
        for line in lines { reaction = handler.handle(line: line, reaction.state) }
        return reaction
    }

    static func council(_ state: ReplState) -> [ModelID] {
        state.settings.models(for: state.settings.currentTier)
    }
}

extension CommandReaction {
    var statusText: String {
        messages.compactMap { if case .status(let text) = $0 { text } else { nil } }.joined(separator: "\n")
    }
    var errorText: String {
        messages.compactMap { if case .error(let text) = $0 { text } else { nil } }.joined(separator: "\n")
    }
    var outputText: String {
        messages.compactMap { if case .output(let text) = $0 { text } else { nil } }.joined(separator: "\n")
    }
}
