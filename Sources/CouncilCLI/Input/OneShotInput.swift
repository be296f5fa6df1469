import CouncilCore
import Foundation

/// What `council ask` was given: the question, from its arguments or else from stdin, and what is
/// attached to it — each `-f FILE`, and text piped on stdin beside a question argument (never dropped;
/// `-f -` names it explicitly).
public struct OneShotInput {
    public var question: String
    public var attachments: [Attachment]

    /// `stdinIsPiped`: stdin is not a terminal, so it may hold input.
    public static func read(arguments: [String], files: [String], stdinIsPiped: Bool, limit: Int) throws(AttachmentProblem) -> OneShotInput {
        let loader = AttachmentLoader(limit: limit)
        var question = arguments.joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines)
        var attachments: [Attachment] = []
        let stdinNamed = files.contains("-")
        if stdinIsPiped, !stdinNamed {
            let piped = try loader.standardInput()
            // A question alone on stdin stays the question, as it always was.
            if question.isEmpty, case .text(let text) = piped.content {
                question = text.trimmingCharacters(in: .whitespacesAndNewlines)
            } else if piped.byteCount > 0 {
                attachments.append(piped)
            }
        }
        for file in files {
            attachments.append(file == "-" ? try loader.standardInput() : try loader.file(file))
        }
        return OneShotInput(question: question, attachments: attachments)
    }
}
