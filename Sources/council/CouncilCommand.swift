import ArgumentParser
import CouncilCLI
import CouncilCore
import Foundation

/// Options every command shares: where the configuration comes from. The settings' own options
/// (`--tier`, `--timeout`, …) come from their declarations and are taken out of the command line
/// before parsing (`SettingFlags`); `--help` lists them.
struct ConfigOptions: ParsableArguments {
    @Option(help: "Configuration file (beats $COUNCIL_CONFIG and ./.councilrc).")
    var config: String?
    @Flag(help: "Use the built-in demo council of simulated models, even when API keys are set.")
    var demo = false

    var flags: ConfigFlags {
        ConfigFlags(configFile: config, demo: demo, settings: CouncilCommand.commandLine.settings)
    }

    func runtime() async throws -> CouncilRuntime {
        do {
            return try await CouncilRuntime.start(flags: flags)
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            if case .flag = error.source { throw ExitCode(2) }
            throw ExitCode(1)
        }
    }

    /// The runtime for a command that asks the council: refused (exit 1) when no configured model
    /// can be called, rather than failing every model or answering with simulated text.
    func councilRuntime() async throws -> CouncilRuntime {
        let runtime = try await runtime()
        if let problem = runtime.setup.unusable {
            FileHandle.standardError.write(Data("error: \(problem)\n".utf8))
            throw ExitCode(1)
        }
        return runtime
    }
}

@main
struct CouncilCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "council",
        abstract: "A council of language models behind one prompt: parallel answers, peer review, one synthesis.",
        discussion: """
            council                 the REPL; continues the last session (-c, --continue)
            council --new           a new session; --session NAME opens or creates one
            council ask "QUESTION"  one answer on stdout; --json for the whole turn
            git diff | council ask "review this"   piped input (or -f FILE) rides with the question

            """ + SettingFlags.help,
        version: CouncilVersion.string,
        subcommands: [Chat.self, Ask.self, Serve.self, MCPServe.self, Config.self, Models.self, Sessions.self, Breakers.self, Bias.self, Replay.self],
        defaultSubcommand: Chat.self)

    static let subcommandNames = Set(configuration.subcommands.map { $0.configuration.commandName ?? "\($0)".lowercased() })

    /// The command line with the settings' options taken out.
    static let commandLine = SettingFlags(splitting: Array(CommandLine.arguments.dropFirst()))
    /// The rest, with options given before the subcommand moved after it.
    static let arguments = CommandLineOrder.normalized(commandLine.remaining, subcommands: subcommandNames)

    /// Usage errors exit with 2, as terminal users expect (the library's default is 64).
    static func main() async {
        // `--generate-completion-script SHELL`: the library's script, with the settings' options added.
        if let name = CompletionScript.requestedShell(commandLine.remaining) {
            guard let shell = CompletionShell(rawValue: name) else {
                FileHandle.standardError.write(Data("error: --generate-completion-script needs bash, zsh or fish\n".utf8))
                Foundation.exit(2)
            }
            print(CompletionScript.addingSettings(to: completionScript(for: shell), shell: name))
            return
        }
        if let error = commandLine.error {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            Foundation.exit(2)
        }
        if let hint = CommandLineOrder.strayQuestion(in: arguments, subcommands: subcommandNames) {
            FileHandle.standardError.write(Data("error: \(hint)\n".utf8))
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

struct Chat: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "chat", abstract: "The interactive REPL (the default).",
                                                    discussion: SettingFlags.help)

    @OptionGroup var options: ConfigOptions
    @Flag(name: [.customShort("c"), .customLong("continue")], help: "Continue the last session (the default).")
    var continueLast = false
    @Option(help: "Open (or create) the session with this name.")
    var session: String?
    @Flag(help: "Start a new session.")
    var new = false
    @Flag(help: "Print answers as the model wrote them instead of rendering their Markdown (also /raw).")
    var raw = false

    func run() async throws {
        let runtime = try await options.councilRuntime()
        let choice: SessionChoice = if let session { .named(session) } else if new { .new } else { .continueLast }
        let repl = try await Repl.start(runtime: runtime, sessionChoice: choice, raw: raw)
        let status = await repl.run()
        throw ExitCode(status)
    }
}

struct Ask: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ask once: the answer on stdout, statuses on stderr.",
        discussion: "With no question argument the question is read from stdin. Exit status: 0 answered, 1 failed, 2 usage error, 130 cancelled.\n\n"
            + SettingFlags.help)

    @OptionGroup var options: ConfigOptions
    @Flag(help: "Print the whole turn (stages, outcomes, timings, ranking, usage) as one JSON document.")
    var json = false
    @Option(help: "Comma-separated model ids: ask only these.")
    var models: String?
    @Flag(help: "Print the answer as the model wrote it, without rendering its Markdown on a terminal.")
    var raw = false
    @Option(name: [.customShort("f"), .customLong("file")],
            help: ArgumentHelp("Attach a file (text, or a PNG, JPEG, GIF or WebP image); repeat for more; - is stdin.",
                               valueName: "path"),
            completion: .file())
    var files: [String] = []
    @Argument(help: "The question.")
    var question: [String] = []

    func run() async throws {
        InterruptExit.install()
        let piped = isatty(STDIN_FILENO) == 0
        if question.isEmpty, !piped || files.contains("-") {
            throw ValidationError("give a question: council ask \"…\" (or pipe it on stdin)")
        }
        let runtime = try await options.councilRuntime()
        let input: OneShotInput
        do {
            input = try OneShotInput.read(arguments: question, files: files, stdinIsPiped: piped, limit: runtime.config.maxAttachmentBytes)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        guard !input.question.isEmpty else { throw ValidationError("give a question: council ask \"…\" (or pipe it on stdin)") }
        let ids = models?.split(separator: ",").map { ModelID(String($0).trimmingCharacters(in: .whitespaces)) }
        let status = await OneShot(runtime: runtime).run(question: input.question, attachments: input.attachments,
                                                         models: ids, json: json, raw: raw)
        throw ExitCode(status)
    }
}

struct Config: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the effective configuration and where each value came from (keys redacted).",
                                                    discussion: SettingFlags.help)

    @OptionGroup var options: ConfigOptions
    @Option(help: "Show it as this stored session runs it: the session's own choices, with 'session' as their source.")
    var session: String?

    func run() async throws {
        let runtime = try await options.runtime()
        guard let session else { return ConfigRenderer.show(runtime) }
        guard try await ConfigRenderer.show(runtime, session: session) else { throw ExitCode(1) }
    }
}

struct Models: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the configured models; --discover asks each provider's GET /models for what could be added.",
        discussion: SettingFlags.help)

    @OptionGroup var options: ConfigOptions
    @Flag(help: "Ask every provider that can be called which models it serves.")
    var discover = false

    func run() async throws {
        let runtime = try await options.runtime()
        throw ExitCode(await ModelsCommand(config: runtime.config).run(discover: discover))
    }
}

struct Sessions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List, show, export or delete stored sessions.",
                                                    discussion: SettingFlags.help)

    enum Action: String, ExpressibleByArgument, CaseIterable { case list, show, export, delete }

    @OptionGroup var options: ConfigOptions
    @Argument(help: "list, show NAME, export NAME, delete NAME")
    var action: Action = .list
    @Argument var name: String?
    @Option(help: "Export format: md or json.")
    var format: String = "md"
    @Flag(help: "Delete a session that has turns (they go with it).")
    var force = false

    func validate() throws {
        if action != .list, name == nil { throw ValidationError("'sessions \(action.rawValue)' needs a session name") }
        if ExportFormat(rawValue: format) == nil { throw ValidationError("unknown format '\(format)' — valid: md, json") }
    }

    func run() async throws {
        let runtime = try await options.runtime()
        let command = SessionsCommand(store: runtime.store, names: ModelNames(config: runtime.config))
        let status: Int32 = switch action {
        case .list: await command.list()
        case .show: await command.show(name!)
        case .export: await command.export(name!, format: ExportFormat(rawValue: format)!)
        case .delete: await command.delete(name!, force: force)
        }
        throw ExitCode(status)
    }
}

struct Breakers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the circuit breakers, or reset one or all of them.",
                                                    discussion: SettingFlags.help)

    enum Action: String, ExpressibleByArgument, CaseIterable { case list, reset }

    @OptionGroup var options: ConfigOptions
    @Argument(help: "list, or reset [ID] (every breaker when ID is left out)")
    var action: Action = .list
    @Argument var model: String?

    func validate() throws {
        if action == .list, model != nil { throw ValidationError("'breakers list' takes no model id") }
    }

    func run() async throws {
        let command = BreakersCommand(runtime: try await options.runtime())
        let status: Int32 = switch action {
        case .list: await command.list()
        case .reset: await command.reset(model)
        }
        throw ExitCode(status)
    }
}

struct Bias: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure each reviewer over the stored turns: position bias, self-preference, length bias, agreement with the council.",
        discussion: SettingFlags.help)

    @OptionGroup var options: ConfigOptions
    @Option(help: "Only the turns of this session (every session when left out).")
    var session: String?
    @Flag(help: "One JSON object per reviewer; a figure on too few ballots is null.")
    var json = false

    func run() async throws {
        let runtime = try await options.runtime()
        throw ExitCode(await BiasCommand(store: runtime.store, names: ModelNames(config: runtime.config)).run(session: session, json: json))
    }
}

struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Replay every prompt of a session through the current settings and compare turn by turn.",
                                                    discussion: SettingFlags.help)

    @OptionGroup var options: ConfigOptions
    @Argument(help: "The session to replay.")
    var session: String

    func run() async throws {
        InterruptExit.install()
        // --tier and the other settings reach the replay through the configuration, like every command.
        throw ExitCode(await SessionReplay(runtime: try await options.councilRuntime()).run(session: session))
    }
}
