import CouncilCore

/// A request of the pipeline, seen from the server: which stage it belongs to and what it shows.
public struct CouncilRequestView: Sendable {
    public enum Kind: Sendable, Equatable { case generation, revision, review, synthesis }

    public let kind: Kind
    /// For reviews and syntheses: the answers under their labels, in the order shown.
    public let answers: [ResponseBlocks.Block]

    public init(_ request: ScriptedRequest) {
        let system = request.messages.first { $0.role == .system }?.content ?? ""
        if system.hasPrefix("You are reviewing") {
            kind = .review
        } else if system.hasPrefix("You are the chairman") {
            kind = .synthesis
        } else if request.lastUserText.hasPrefix(Revision.opening) {
            kind = .revision
        } else {
            kind = .generation
        }
        answers = kind == .generation ? [] : ResponseBlocks.parse(request.lastUserText)
    }

    /// A well-formed review ranking the labels by `score` (higher first).
    public func ranking(by score: (String) -> Int) -> String {
        let ordered = answers.sorted { score($0.text) > score($1.text) }.map(\.label)
        return "All answers were read carefully.\n\nFINAL RANKING:\n"
            + ordered.enumerated().map { "\($0.offset + 1). Response \($0.element)" }.joined(separator: "\n")
    }
}

/// A script for whole council turns: each model's answer, how reviewers rank, what the chairman says.
public struct CouncilScript: Sendable {
    public var answers: [ModelID: ScriptedReply]
    /// The review each model writes, given what it was shown.
    public var review: @Sendable (ModelID, CouncilRequestView) -> ScriptedReply
    public var synthesis: @Sendable (ModelID, CouncilRequestView) -> ScriptedReply
    /// The revised answer each model writes in a debate round; its first answer again when nil.
    public var revision: (@Sendable (ModelID, CouncilRequestView) -> ScriptedReply)?

    public init(answers: [ModelID: ScriptedReply],
                review: @escaping @Sendable (ModelID, CouncilRequestView) -> ScriptedReply,
                synthesis: @escaping @Sendable (ModelID, CouncilRequestView) -> ScriptedReply = { model, _ in .stream("Synthesis by \(model).") },
                revision: (@Sendable (ModelID, CouncilRequestView) -> ScriptedReply)? = nil) {
        self.answers = answers
        self.review = review
        self.synthesis = synthesis
        self.revision = revision
    }

    /// Every reviewer ranks answers by the position of their text in `preferred` (first is best).
    public static func preferring(_ preferred: [String], answers: [ModelID: ScriptedReply],
                                  synthesis: @escaping @Sendable (ModelID, CouncilRequestView) -> ScriptedReply = { model, _ in .stream("Synthesis by \(model).") }) -> CouncilScript {
        CouncilScript(answers: answers, review: { _, view in
            .stream(view.ranking { text in -(preferred.firstIndex(of: text) ?? preferred.count) })
        }, synthesis: synthesis)
    }

    public func reply(to request: ScriptedRequest) -> ScriptedReply {
        let view = CouncilRequestView(request)
        switch view.kind {
        case .generation: return answers[request.model] ?? .error(status: 404, message: "model \(request.model) not found")
        case .revision: return revision?(request.model, view) ?? answers[request.model] ?? .error(status: 404, message: "model \(request.model) not found")
        case .review: return review(request.model, view)
        case .synthesis: return synthesis(request.model, view)
        }
    }
}
