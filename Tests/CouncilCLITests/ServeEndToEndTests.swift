import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import Testing
import CouncilCore
import CouncilTestSupport

/// `council serve` as an OpenAI client uses it, over HTTP on 127.0.0.1: the models, a whole answer, a
/// stream, every refusal in OpenAI's error shape, the token, the turn limit and a client that leaves.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ServeEndToEndTests {
    /// A running `council serve --port 0` and the address it printed.
    final class Served: Sendable {
        let process: Process
        let base: String
        let home: URL
        /// The hermetic environment it runs in, for other commands on the same store.
        let environment: [String: String]
        /// What it has written on stderr so far.
        var stderr: String { printed.lines.joined(separator: "\n") }
        private let printed: LineReader

        /// `alpha`: more settings for alpha's line; `config`: lines added to the configuration.
        init(server: ScriptedServer, arguments: [String] = [], token: String? = nil, alpha: String? = nil, config: String = "") async throws {
            var (environment, home) = try alpha.map { try CouncilBinary.environment(server: server, alpha: $0) }
                ?? CouncilBinary.environment(server: server)
            if !config.isEmpty {
                let file = try FileHandle(forWritingTo: URL(fileURLWithPath: environment["COUNCIL_CONFIG"]!))
                try file.seekToEnd()
                try file.write(contentsOf: Data(("\n" + config + "\n").utf8))
                try file.close()
            }
            if let token { environment["COUNCIL_SERVE_TOKEN"] = token }
            let errors = Pipe()
            process = try CouncilBinary.start(["serve", "--port", "0"] + arguments, environment: environment, errors: errors)
            self.home = home
            self.environment = environment
            printed = LineReader(errors.fileHandleForReading)
            let deadline = ContinuousClock.now + .seconds(20)
            while !printed.lines.contains(where: { $0.contains("listening on") }), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            let line = printed.lines.joined(separator: "\n")
            let address = try #require(line.range(of: #"http://127\.0\.0\.1:\d+/v1"#, options: .regularExpression), "\(line)")
            base = String(line[address])
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: home)
        }
    }

    static let client = HTTPClient(eventLoopGroupProvider: .singleton)

    /// Status, headers and body of one request.
    static func send(_ url: String, _ body: String? = nil, method: HTTPMethod = .POST,
                     headers: [(String, String)] = []) async throws -> (status: Int, headers: HTTPHeaders, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 8 << 20)
        return (Int(response.status.code), response.headers, String(buffer: bytes))
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    static let question = #"{"model":"council","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"What is 2+2?"}]}"#

    @Test func modelsAWholeAnswerAndAStream() async throws {
        let server = try await CouncilBinary.council(synthesis: { .stream("Final answer by \($0).") })
        let served = try await Served(server: server)
        defer { served.stop() }

        let models = try Self.json(try await Self.send(served.base + "/models", method: .GET).body)
        #expect((models["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String }.contains("council/quick") == true)
        #expect(try Self.json(try await Self.send(served.base + "/models/council%2Fquick", method: .GET).body)["id"] as? String == "council/quick")
        let unknown = try await Self.send(served.base + "/models/council/fastest", method: .GET)
        #expect(unknown.status == 404 && unknown.body.contains("model_not_found"), "\(unknown.body)")

        let whole = try await Self.send(served.base + "/chat/completions", Self.question)
        #expect(whole.status == 200, "\(whole.body)")
        #expect(whole.headers.first(name: "connection") == "close", "the connection watched for the client ends with the answer")
        let document = try Self.json(whole.body)
        let message = (document["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any]
        #expect(message?["content"] as? String == "Final answer by alpha.")
        #expect(((document["council"] as? [String: Any])?["models"] as? [Any])?.count == 3, "the council's account beside the answer")
        #expect(((document["usage"] as? [String: Any])?["total_tokens"] as? Int ?? 0) > 0)
        #expect(server.requests.contains { $0.messages.first?.content.contains("Be brief.") == true }, "the system message is the system prompt")
        #expect(await waitUntil { served.stderr.contains("council serve: 200 council · complete · 3 of 3 answered · ") }, "\(served.stderr)")

        let stream = try await Self.send(served.base + "/chat/completions", Self.question.replacingOccurrences(of: #""model""#, with: #""stream":true,"model""#))
        let events = stream.body.components(separatedBy: "\n\n").filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
        #expect(events.last == "[DONE]", "\(stream.body)")
        let chunks = try events.dropLast().map(Self.json)
        let deltas = chunks.compactMap { (($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any]) }
        #expect(deltas.first?["role"] as? String == "assistant")
        #expect(deltas.compactMap { $0["content"] as? String }.joined() == "Final answer by alpha.")
        #expect((chunks.last?["choices"] as? [[String: Any]])?.first?["finish_reason"] as? String == "stop")
        #expect(chunks.last?["usage"] != nil && chunks.last?["council"] != nil)
        await server.stop()
    }

    /// With `mode: answers` no chairman writes: the answer is every model's, whole and streamed.
    @Test func aCouncilInAnswersModeReturnsEveryAnswer() async throws {
        let server = try await CouncilBinary.council()
        let served = try await Served(server: server, arguments: ["--mode", "answers"])
        defer { served.stop() }
        let whole = try await Self.send(served.base + "/chat/completions", Self.question)
        #expect(whole.status == 200, "\(whole.body)")
        let message = ((try Self.json(whole.body)["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any])?["content"] as? String
        #expect(["alpha", "bravo", "charlie"].allSatisfy { message?.contains("## \($0)\n\nAnswer from \($0).") == true }, "\(whole.body)")
        let stream = try await Self.send(served.base + "/chat/completions", Self.question.replacingOccurrences(of: #""model""#, with: #""stream":true,"model""#))
        #expect(["alpha", "bravo", "charlie"].allSatisfy { stream.body.contains("## \($0)\\n\\nAnswer from \($0).") }, "\(stream.body)")
        await server.stop()
    }

    /// `temperature` and `top_p` reach every answer; `max_tokens` the chairman's, which is the one returned.
    @Test func aClientsOptionsReachTheCalls() async throws {
        let server = try await CouncilBinary.council()
        let served = try await Served(server: server)
        defer { served.stop() }
        let body = #"{"model":"council","temperature":0.3,"max_tokens":50,"messages":[{"role":"user","content":"Options?"}]}"#
        #expect(try await Self.send(served.base + "/chat/completions", body).status == 200)
        let calls = server.requests.filter { $0.messages.contains { $0.content.contains("Options?") } }
        let kinds = Dictionary(grouping: calls) { CouncilRequestView($0).kind }
        #expect(kinds[.generation]?.count == 3 && kinds[.synthesis]?.count == 1)
        #expect(kinds[.generation]?.allSatisfy { $0.json["temperature"] as? Double == 0.3 && $0.json["max_tokens"] == nil } == true)
        #expect(kinds[.synthesis]?.allSatisfy { $0.json["temperature"] as? Double == 0.3 && $0.json["max_tokens"] as? Int == 50 } == true)
        #expect(kinds[.review]?.allSatisfy { $0.json["temperature"] == nil } == true, "reviews keep their own options")
        let bad = try await Self.send(served.base + "/chat/completions", body.replacingOccurrences(of: "0.3", with: "7"))
        #expect(bad.status == 400 && bad.body.contains("temperature must be from 0 to 2"))
        await server.stop()
    }

    @Test(arguments: [
        ("{bad", 400, "the body is not a chat-completions JSON object"),
        (#"{"model":"council","messages":[]}"#, 400, "the last message must be the user's question"),
        (#"{"model":"council/fastest","messages":[{"role":"user","content":"q"}]}"#, 400, "unknown model 'council/fastest'"),
        (#"{"model":"council","n":2,"messages":[{"role":"user","content":"q"}]}"#, 400, "n must be 1"),
        (#"{"model":"council","tools":[{"type":"function"}],"messages":[{"role":"user","content":"q"}]}"#, 400, "tools are not supported"),
    ])
    func refusalsInOpenAIsShape(body: String, status: Int, message: String) async throws {
        let server = try await CouncilBinary.council()
        let served = try await Served(server: server)
        defer { served.stop() }
        let response = try await Self.send(served.base + "/chat/completions", body)
        #expect(response.status == status)
        let error = try #require(try Self.json(response.body)["error"] as? [String: Any])
        #expect((error["message"] as? String)?.contains(message) == true, "\(response.body)")
        #expect(error["type"] as? String == "invalid_request_error")
        #expect(await waitUntil { served.stderr.contains("council serve: 400 ") }, "a line per request: \(served.stderr)")
        #expect(server.requests.isEmpty, "nothing is asked of the models")
        await server.stop()
    }

    @Test func aLargeBodyATokenANonLoopbackAddressAndNoAnswer() async throws {
        let server = try await CouncilBinary.council(generation: { _ in .error(status: 500, message: "down") })
        let served = try await Served(server: server, token: "s3cret-serve-token")
        defer { served.stop() }
        let url = served.base + "/chat/completions"
        #expect(try await Self.send(url, Self.question).status == 401)
        #expect(try await Self.send(url, Self.question, headers: [("Authorization", "Bearer wrong")]).status == 401)
        #expect(try await Self.send(served.base + "/models", method: .GET).status == 401)
        let authorized = [("Authorization", "Bearer s3cret-serve-token")]
        let huge = try await Self.send(url, String(repeating: "x", count: 5 << 20), headers: authorized)
        #expect(huge.status == 413)
        let failed = try await Self.send(url, Self.question, headers: authorized)
        #expect(failed.status == 502, "no model answered: \(failed.body)")
        #expect(!failed.body.contains("s3cret"))
        #expect(await waitUntil { served.stderr.contains("council serve: 502 no_answer: ") } && !served.stderr.contains("s3cret"), "\(served.stderr)")
        #expect(served.stderr.components(separatedBy: "council serve: 502").count == 2, "one line for the one request: \(served.stderr)")
        let stream = try await Self.send(url, Self.question.replacingOccurrences(of: #""model""#, with: #""stream":true,"model""#), headers: authorized)
        #expect(stream.body.contains(#"data: {"error":{"code":"no_answer","message":"no model of the council answered: "#), "\(stream.body)")

        let (environment, home) = try CouncilBinary.environment(server: server)
        defer { try? FileManager.default.removeItem(at: home) }
        let open = try await CouncilBinary.run(["serve", "--host", "0.0.0.0", "--port", "0"], environment: environment)
        #expect(open.status == 2 && open.stderr.contains("only with COUNCIL_SERVE_TOKEN set"), "\(open.stderr)")
        await server.stop()
    }

    @Test func pastTheTurnLimitIs429AndAClientThatLeavesCancelsItsTurn() async throws {
        let gate = ReplyGate()
        let server = try await CouncilBinary.council(generation: { _ in .gated(gate, .stream("late")) })
        // A keep-alive an hour apart: only watching the connection can notice the client leave.
        let served = try await Served(server: server, arguments: ["--max-concurrent-turns", "1"], config: "serve: {keep_alive: 3600}")
        defer { served.stop() }
        let url = served.base + "/chat/completions"
        let streaming = Self.question.replacingOccurrences(of: #""model""#, with: #""stream":true,"model""#)
        let first = Task { try await Self.send(url, streaming) }
        let deadline = ContinuousClock.now + .seconds(20)
        while server.requests.count < 3, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        let busy = try await Self.send(url, Self.question)
        #expect(busy.status == 429 && busy.headers.first(name: "retry-after") == "2", "\(busy.body)")

        first.cancel()  // the client goes away mid-stream
        #expect(await waitUntil { server.disconnects.count == 3 }, "every provider request closed once its client left")
        #expect(await waitUntil { served.stderr.contains("council serve: 499 council · the client left") }, "\(served.stderr)")
        gate.open()
        await server.stop()
    }
}
