import CouncilCore
import Foundation

/// What the next question carries besides its text: files, images and commands' output.
enum InputCommands {
    static let all: [SlashCommand] = [file]

    static let file = SlashCommand(
        name: "file", usage: "/file [PATH…|!COMMAND|clear]",
        summary: "attach files, images or a command's output to the next question",
        detail: """
        /file PATH… attaches files to the next question (text, or PNG, JPEG, GIF and WebP images for models
        marked vision: true); a path with spaces goes in quotes. /file !COMMAND attaches what the command
        prints (stdout and stderr), e.g. /file !git diff. /file alone lists what is attached, with sizes and
        estimated tokens; /file clear drops it. Attachments are stored with the turn; /retry sends them again.
        """,
        arguments: [CommandArgument(words: .paths, repeats: true)]) { words, invocation throws(CommandError) in
        let attached = invocation.state.attachments
        guard let rest = words.rest() else {
            guard !attached.isEmpty else {
                return invocation.say("nothing attached — /file PATH… attaches files, /file !COMMAND a command's output")
            }
            let total = attached.map(\.estimatedTokens).reduce(0, +)
            return invocation.say("attached to the next question (~\(total.formatted()) tokens in all):\n"
                                  + attached.map { "  " + ByteText.describe($0) }.joined(separator: "\n"))
        }
        if rest.lowercased() == "clear" {
            var next = invocation.state
            next.attachments = []
            return CommandReaction(state: next, messages: [.status(attached.isEmpty ? "nothing was attached"
                : "dropped \(Plural.count(attached.count, "attachment"))")])
        }
        if rest.hasPrefix("!") {
            let command = rest.dropFirst().trimmingCharacters(in: .whitespaces)
            guard !command.isEmpty else { throw .missingArgument(command: "file", usage: "/file !COMMAND") }
            return invocation.perform(.attachOutput(of: command))
        }
        return invocation.perform(.attachFiles(try ShellWords.split(rest, command: "file")))
    }
}

extension CommandEffect {
    /// Reads every path; attaches them all, or none and says which could not be read and why.
    static func attachFiles(_ paths: [String]) -> CommandEffect {
        CommandEffect("attachFiles(\(paths.joined(separator: ", ")))") { services, state in
            let loader = AttachmentLoader(limit: services.setup.config.maxAttachmentBytes)
            do throws(AttachmentProblem) {
                let loaded = try paths.map { path throws(AttachmentProblem) in try loader.file(path) }
                state.attachments += loaded
                services.console.status("attached " + loaded.map(ByteText.describe).joined(separator: ", "))
            } catch {
                services.console.error("\(error.name): \(error.reason) — nothing attached")
            }
        }
    }

    static func attachOutput(of command: String) -> CommandEffect {
        CommandEffect("attachOutput(\(command))") { services, state in
            do throws(AttachmentProblem) {
                let (output, status) = try AttachmentLoader(limit: services.setup.config.maxAttachmentBytes).commandOutput(command)
                state.attachments.append(output)
                services.console.status("attached " + ByteText.describe(output) + (status == 0 ? "" : " — it exited with status \(status)"))
            } catch {
                services.console.error("\(error.name): \(error.reason) — nothing attached")
            }
        }
    }
}

/// Splits what follows `/file` into paths: spaces separate them, quotes keep a path with spaces whole.
enum ShellWords {
    static func split(_ text: String, command: String) throws(CommandError) -> [String] {
        var words: [String] = [], current = "", quote: Character?, started = false
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                started = true
            } else if character.isWhitespace {
                if started || !current.isEmpty { words.append(current) }
                current = ""
                started = false
            } else {
                current.append(character)
            }
        }
        guard quote == nil else { throw .invalidValue(command: command, value: text, expected: "paths with their quotes closed") }
        if started || !current.isEmpty { words.append(current) }
        return words
    }
}
