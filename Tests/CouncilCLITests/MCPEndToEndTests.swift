import Foundation
import MCP
import SystemPackage
import Testing
import CouncilCore
import CouncilTestSupport

/// `council mcp` through the official SDK's own client over the process's stdio: the tool is listed,
/// a call returns the chairman's answer, a bad call is an error result, and stdout holds only the protocol.
@Suite(.serialized, .timeLimit(.minutes(2))) struct MCPEndToEndTests {
    @Test func theSDKsClientConsultsTheCouncil() async throws {
        let server = try await CouncilBinary.council(synthesis: { .stream("Final answer by \($0).") })
        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let toServer = Pipe(), fromServer = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CouncilBinary.path)
        process.arguments = ["mcp"]
        process.environment = environment
        process.standardInput = toServer
        process.standardOutput = fromServer
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }

        let transport = StdioTransport(input: FileDescriptor(rawValue: fromServer.fileHandleForReading.fileDescriptor),
                                       output: FileDescriptor(rawValue: toServer.fileHandleForWriting.fileDescriptor))
        let client = Client(name: "council-tests", version: "1.0")
        _ = try await client.connect(transport: transport)
        let (tools, _) = try await client.listTools()
        #expect(tools.map(\.name) == ["consult_council"])

        let (content, isError) = try await client.callTool(name: "consult_council", arguments: ["question": "What is 2+2?", "tier": "quick"])
        #expect(isError != true)
        guard case .text(let answer, _, _)? = content.first else { Issue.record("no text in \(content)"); return }
        #expect(answer == "Final answer by alpha.")
        #expect(server.requests.contains { $0.lastUserText == "What is 2+2?" })

        let (missing, failed) = try await client.callTool(name: "consult_council", arguments: ["tier": "quick"])
        #expect(failed == true)
        guard case .text(let reason, _, _)? = missing.first else { Issue.record("no reason in \(missing)"); return }
        #expect(reason == "the question is missing")
        await client.disconnect()
        await server.stop()
    }
}
