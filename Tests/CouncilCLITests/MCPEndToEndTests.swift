import Foundation
import MCP
import Synchronization
import SystemPackage
import Testing
import CouncilCLI
import CouncilCore
import CouncilTestSupport

/// `council mcp` through the official SDK's own client over the process's stdio: the tool is listed,
/// a call returns the chairman's answer, a bad call is an error result, the models and mode are the
/// caller's, a cancellation closes the turn's requests, and stdout holds only the protocol.
@Suite(.serialized, .timeLimit(.minutes(2))) struct MCPEndToEndTests {
    /// A running `council mcp` with pipes for its stdin and stdout.
    final class Served: Sendable {
        let process = Process()
        let toServer = Pipe(), fromServer = Pipe()
        let home: URL
        let environment: [String: String]

        init(server: ScriptedServer) throws {
            let (environment, home) = try CouncilBinary.environment(server: server)
            (self.home, self.environment) = (home, environment)
            process.executableURL = URL(fileURLWithPath: CouncilBinary.path)
            process.arguments = ["mcp"]
            process.environment = environment
            process.standardInput = toServer
            process.standardOutput = fromServer
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        func connect() async throws -> Client {
            let transport = StdioTransport(input: FileDescriptor(rawValue: fromServer.fileHandleForReading.fileDescriptor),
                                           output: FileDescriptor(rawValue: toServer.fileHandleForWriting.fileDescriptor))
            let client = Client(name: "council-tests", version: "1.0")
            _ = try await client.connect(transport: transport)
            return client
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: home)
        }
    }

    static func text(_ content: [Tool.Content]) -> String? {
        guard case .text(let text, _, _)? = content.first else { return nil }
        return text
    }

    @Test func theSDKsClientConsultsTheCouncil() async throws {
        let server = try await CouncilBinary.council(synthesis: { .stream("Final answer by \($0).") })
        let served = try Served(server: server)
        defer { served.stop() }
        let client = try await served.connect()
        let (tools, _) = try await client.listTools()
        #expect(tools.map(\.name) == ["consult_council"])

        let (content, isError) = try await client.callTool(name: "consult_council", arguments: ["question": "What is 2+2?", "tier": "quick"])
        #expect(isError != true)
        #expect(Self.text(content) == "Final answer by alpha.")
        #expect(server.requests.contains { $0.lastUserText == "What is 2+2?" })
        let sessions = try await CouncilBinary.run(["sessions"], environment: served.environment)
        #expect(sessions.stdout.contains(SessionNames.daily("mcp")), "stored in the day's session: \(sessions.stdout)")

        for (arguments, reason) in [(["tier": "quick"] as [String: Value], "the question is missing"),
                                    (["question": "q", "models": ["alpha", "zulu"]], "unknown model zulu — configured: alpha, "),
                                    (["question": "q", "mode": "loud"], "unknown mode loud — one of full, synth, answers")] {
            let (refused, failed) = try await client.callTool(name: "consult_council", arguments: arguments)
            #expect(failed == true)
            #expect(Self.text(refused)?.hasPrefix(reason) == true, "\(refused)")
        }
        await client.disconnect()
        await server.stop()
    }

    /// `models` are the council, and `mode: answers` returns each answer under its model's name.
    @Test func theCallersModelsAndMode() async throws {
        let server = try await CouncilBinary.council()
        let served = try Served(server: server)
        defer { served.stop() }
        let client = try await served.connect()
        let (content, isError) = try await client.callTool(name: "consult_council",
                                                            arguments: ["question": "Pick two", "models": ["bravo", "charlie"], "mode": "answers"])
        #expect(isError != true)
        let sections = Self.text(content)?.components(separatedBy: "\n\n## ").map { $0.hasPrefix("## ") ? String($0.dropFirst(3)) : $0 }
        #expect(Set(sections ?? []) == ["bravo\n\nAnswer from bravo.", "charlie\n\nAnswer from charlie."], "in the order they arrived: \(content)")
        #expect(Set(server.requests.map(\.model)) == ["bravo", "charlie"], "only the chosen models, and no review or synthesis")
        await client.disconnect()
        await server.stop()
    }

    @Test func aCancellationFromTheClientClosesTheTurnsRequests() async throws {
        let server = try await CouncilBinary.council(generation: { _ in .hang() })
        let served = try Served(server: server)
        defer { served.stop() }
        let client = try await served.connect()
        let call = try await client.send(CallTool.request(.init(name: "consult_council", arguments: ["question": "Slow?"])))
        #expect(await waitUntil { server.requests.count == 3 })
        try await client.cancelRequest(call.requestID, reason: "the user moved on")
        #expect(await waitUntil { server.disconnects.count == 3 }, "every provider request closed on the client's cancellation")
        let (tools, _) = try await client.listTools()
        #expect(tools.count == 1, "the server goes on")
        await client.disconnect()
        await server.stop()
    }

    /// Raw frames: a line that is not JSON and an unknown method get JSON-RPC errors, and the server goes on.
    @Test func malformedFramesAndUnknownMethodsAreAnsweredAsTheProtocolSays() async throws {
        let server = try await CouncilBinary.council()
        let served = try Served(server: server)
        defer { served.stop() }
        let lines = [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}"#,
            #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
            "{not json at all",
            #"{"jsonrpc":"2.0","id":2,"method":"no/such/method"}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"tools/list"}"#,
        ]
        served.toServer.fileHandleForWriting.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        let replies = LineReader(served.fromServer.fileHandleForReading)
        func reply(_ matches: ([String: Any]) -> Bool) -> [String: Any]? {
            replies.lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }.first(where: matches)
        }
        #expect(await waitUntil { reply { $0["id"] as? Int == 3 } != nil })
        let byID = [2, 3].reduce(into: [Int: [String: Any]]()) { found, id in found[id] = reply { $0["id"] as? Int == id } }
        let unidentified = replies.lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["id"] is NSNull }
        #expect((byID[2]?["error"] as? [String: Any])?["code"] as? Int == -32601, "method not found: \(byID[2] ?? [:])")
        #expect(unidentified.contains { ($0["error"] as? [String: Any])?["code"] as? Int == -32700 }, "parse error: \(unidentified)")
        #expect(((byID[3]?["result"] as? [String: Any])?["tools"] as? [Any])?.count == 1, "still serving")
        await server.stop()
    }
}

/// Lines from a pipe as they come, read on a thread of their own (a blocking read would starve the test's pool).
final class LineReader: Sendable {
    private let received = Mutex<[String]>([])
    var lines: [String] { received.withLock { $0 } }

    init(_ handle: FileHandle) {
        Thread { [self] in
            var pending = Data()
            while case let data = handle.availableData, !data.isEmpty {
                pending += data
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[..<newline], as: UTF8.self)
                    received.withLock { $0.append(line) }
                    pending = Data(pending[(newline + 1)...])
                }
            }
        }.start()
    }
}
