import CouncilCLI
import CouncilCore
import Foundation
import MCP

/// `council mcp`: the council as one tool of a Model Context Protocol server on stdio. The tool asks
/// the council a question (optionally on a tier) and returns the chairman's answer as text and the
/// council's account as structured content; each stage is reported as progress; a cancellation from the
/// client cancels the turn. Stdout carries only the protocol.
public struct CouncilMCPServer: Sendable {
    let runtime: CouncilRuntime

    public init(runtime: CouncilRuntime) { self.runtime = runtime }

    static let tool = Tool(
        name: "consult_council",
        description: "Ask a council of language models: they answer in parallel, review each other's answers anonymously, "
            + "and a chairman writes the final answer. Slower than one model, and the answer has been cross-checked.",
        inputSchema: .object([
            "type": .string("object"),
            "properties": .object([
                "question": .object(["type": .string("string"), "description": .string("The question, with any material it needs.")]),
                "tier": .object(["type": .string("string"), "enum": .array(Tier.allCases.map { .string($0.rawValue) }),
                                 "description": .string("Which tier of models; the configured one when left out.")]),
            ]),
            "required": .array([.string("question")]),
        ]))

    public func run() async throws {
        let server = Server(name: "council", version: CouncilVersion.string, capabilities: .init(tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in .init(tools: [Self.tool]) }
        await server.withMethodHandler(CallTool.self) { params in
            guard params.name == Self.tool.name else { return .init(content: [.text("unknown tool \(params.name)")], isError: true) }
            guard let question = params.arguments?["question"]?.stringValue, !question.isEmpty else {
                return .init(content: [.text("the question is missing")], isError: true)
            }
            let tierName = params.arguments?["tier"]?.stringValue
            guard tierName == nil || Tier(rawValue: tierName!) != nil else {
                return .init(content: [.text("unknown tier \(tierName!) — one of quick, balanced, high, reasoning")], isError: true)
            }
            let progress = params._meta?.progressToken
            return try await consult(question, tier: tierName.flatMap(Tier.init(rawValue:))) { stage, step in
                guard let progress else { return }
                Task { try? await server.notify(ProgressNotification.message(.init(progressToken: progress, progress: step, total: 3,
                                                                                   message: "\(stage.rawValue)"))) }
            }
        }
        try await server.start(transport: StdioTransport())
        await server.waitUntilCompleted()
    }

    private func consult(_ question: String, tier: Tier?, progress: @escaping @Sendable (Stage, Double) -> Void) async throws -> CallTool.Result {
        var state = SessionState(config: runtime.config)
        if let tier { _ = state.switchTier(to: .fixed(tier)) }
        let chat = ChatRequest(tier: tier, question: question, systemPrompt: nil, history: [], stream: false)
        let steps: [Stage: Double] = [.generation: 0, .revision: 1, .review: 1, .synthesis: 2]
        let result: TurnResult
        do {
            result = try await ServedTurn(runtime: runtime, chat: chat, state: state, session: "mcp").run { event in
                if case .stageStarted(let stage, _) = event { progress(stage, steps[stage] ?? 0) }
            }
        } catch {
            return try .init(content: [.text("the council could not run: \(error)")], isError: true)
        }
        let account: Value = .object([
            "status": .string(result.status.rawValue),
            "chairman": result.chairman.map { .string($0.rawValue) } ?? .null,
            "models": .array(result.generation.map { .object(["model": .string($0.model.rawValue), "outcome": .string($0.outcome.kind)]) }),
            "ranking": .array((result.aggregate?.entries ?? []).map { .string($0.model.rawValue) }),
        ])
        guard let answer = result.finalAnswer else {
            let reasons = result.failureReasons.map { "\($0.key): \($0.value)" }.sorted().joined(separator: "; ")
            return try .init(content: [.text("no model of the council answered: \(reasons)")], structuredContent: account, isError: true)
        }
        return try .init(content: [.text(answer)], structuredContent: account, isError: false)
    }
}
