import CouncilCLI
import CouncilCore
import Foundation
import MCP

/// `council mcp`: the council as one tool of a Model Context Protocol server on stdio. The tool asks
/// the council a question (optionally on a tier, with chosen models, in a mode) and returns the answer
/// as text and the council's account as structured content; each stage is reported as progress; a
/// cancellation from the client cancels the turn (the SDK cancels the handler's task). Stdout carries
/// only the protocol. Turns are stored in the day's session `mcp-DATE`.
public struct CouncilMCPServer: Sendable {
    let runtime: CouncilRuntime

    public init(runtime: CouncilRuntime) { self.runtime = runtime }

    static let tool = Tool(
        name: "consult_council",
        description: "Ask a council of language models: they answer in parallel, review each other's answers anonymously, "
            + "and a chairman writes the final answer. Slower than one model, and the answer has been cross-checked.",
        inputSchema: ConsultArguments.schema)

    public func run() async throws {
        let server = Server(name: "council", version: CouncilVersion.string, capabilities: .init(tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in .init(tools: [Self.tool]) }
        await server.withMethodHandler(CallTool.self) { params in
            guard params.name == Self.tool.name else { return .init(content: [.text("unknown tool \(params.name)")], isError: true) }
            let arguments: ConsultArguments
            do throws(ConsultArguments.Refusal) { arguments = try ConsultArguments(params.arguments, config: runtime.config) } catch {
                return .init(content: [.text(error.message)], isError: true)
            }
            let progress = params._meta?.progressToken
            return try await consult(arguments) { stage, step in
                guard let progress else { return }
                Task { try? await server.notify(ProgressNotification.message(.init(progressToken: progress, progress: step, total: 3,
                                                                                   message: "\(stage.rawValue)"))) }
            }
        }
        try await server.start(transport: FrameCheckingTransport())
        await server.waitUntilCompleted()
    }

    private func consult(_ arguments: ConsultArguments, progress: @escaping @Sendable (Stage, Double) -> Void) async throws -> CallTool.Result {
        let state = arguments.state(config: runtime.config)
        let chat = ChatRequest(tier: arguments.tier, question: arguments.question, systemPrompt: nil, history: [], stream: false)
        let turn = ServedTurn(runtime: runtime, chat: chat, state: state, surface: "mcp")
        if let refusal = turn.refusal() { return .init(content: [.text(refusal.message)], isError: true) }
        let steps: [Stage: Double] = [.generation: 0, .revision: 1, .review: 1, .synthesis: 2]
        let result: TurnResult
        do {
            result = try await turn.run { event in
                if case .stageStarted(let stage, _) = event { progress(stage, steps[stage] ?? 0) }
            }
        } catch {
            return .init(content: [.text("the council could not run: \(error)")], isError: true)
        }
        let tier = arguments.tier ?? state.resolveTier(for: arguments.question).tier
        let account = try Value(jsonObject: result.account(tier: tier))
        guard let answer = result.servedAnswer else {
            return try .init(content: [.text("no model of the council answered: \(result.failureText)")], structuredContent: account, isError: true)
        }
        return try .init(content: [.text(answer)], structuredContent: account, isError: false)
    }
}

extension Value {
    /// A `JSONSerialization` object as an MCP value.
    init(jsonObject: Any) throws {
        let data = try JSONSerialization.data(withJSONObject: jsonObject)
        self = try JSONDecoder().decode(Value.self, from: data)
    }
}
