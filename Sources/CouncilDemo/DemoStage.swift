import CouncilCore
import Foundation

/// Which pipeline stage a request belongs to, recognised the way the pipeline phrases its prompts.
enum DemoStage: Equatable {
    case generation(question: String)
    /// The labels of the answers shown, in order of appearance.
    case review(labels: [String])
    case synthesis(answerCount: Int)

    init(messages: [ChatMessage]) {
        let system = messages.first { $0.role == .system }?.content
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let user = messages.last { $0.role == .user }?.content ?? ""
        if system.hasPrefix("You are reviewing") {
            self = .review(labels: ResponseBlocks.parse(user).map(\.label))
        } else if system.hasPrefix("You are the chairman") {
            self = .synthesis(answerCount: ResponseBlocks.parse(user).count)
        } else {
            self = .generation(question: user)
        }
    }
}
