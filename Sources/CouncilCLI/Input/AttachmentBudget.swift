import CouncilCore

/// A question and its attachments must fit the context budget by themselves: the question is never
/// dropped and an attachment never cut, so one that cannot fit is refused before anything is stored
/// or sent, with what it would need.
enum AttachmentBudget {
    static func refusal(_ request: CouncilRequest) -> AttachmentProblem? {
        guard !request.attachments.isEmpty else { return nil }
        let question = AttachedMaterial.message(question: request.question, attachments: request.attachments, images: true)
        let needed = ([question] + (request.systemPrompt.map { [.system($0)] } ?? [])).map(ConversationContext.estimatedTokens).reduce(0, +)
        guard needed > request.contextBudgetTokens else { return nil }
        let largest = request.attachments.max { $0.estimatedTokens < $1.estimatedTokens }!
        return AttachmentProblem(
            name: ByteText.describe(largest),
            reason: "the question with its attachments needs ~\(needed.formatted()) tokens, more than context_budget "
                + "(\(request.contextBudgetTokens.formatted()) tokens) — raise it with --context-budget or attach less")
    }
}
