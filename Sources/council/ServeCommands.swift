import ArgumentParser
import CouncilCLI
import CouncilServe
import Foundation

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the council as an OpenAI-compatible endpoint: POST /v1/chat/completions, model council or council/TIER.",
        discussion: "With COUNCIL_SERVE_TOKEN set (from the environment, never a flag), every request needs it as a Bearer token; "
            + "without one it listens on loopback only.\n\n" + SettingFlags.help)

    @OptionGroup var options: ConfigOptions
    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"
    @Option(help: "The port (0: any free one; the address is printed).")
    var port = 8080

    func run() async throws {
        let token = ProcessInfo.processInfo.environment["COUNCIL_SERVE_TOKEN"]
        if let refusal = CouncilServer.refusal(host: host, token: token) {
            FileHandle.standardError.write(Data("error: \(refusal)\n".utf8))
            throw ExitCode(2)
        }
        let runtime = try await options.councilRuntime()
        for note in runtime.startupNotes { FileHandle.standardError.write(Data((note + "\n").utf8)) }
        let server = CouncilServer(runtime: runtime, token: token) { line in
            FileHandle.standardError.write(Data("council serve: \(line)\n".utf8))
        }
        try await server.run(host: host, port: port) { address in
            FileHandle.standardError.write(Data("council serve: listening on \(address) (models council, council/TIER)\n".utf8))
        }
    }
}

struct MCPServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the council as an MCP server on stdio: one tool, consult_council (question, optional tier).",
        discussion: "Add it to a client: claude mcp add council -- council mcp\n\n" + SettingFlags.help)

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        // Stdout carries only the protocol: every note goes to stderr.
        let runtime = try await options.councilRuntime()
        for note in runtime.startupNotes { FileHandle.standardError.write(Data((note + "\n").utf8)) }
        try await CouncilMCPServer(runtime: runtime).run()
    }
}
