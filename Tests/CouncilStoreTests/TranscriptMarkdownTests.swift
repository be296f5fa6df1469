import CouncilCore
import CouncilTestSupport
import Foundation
import Testing
@testable import CouncilStore

@Suite struct TranscriptMarkdownTests {
    @Test func rendersASessionAsTheGoldenMarkdown() async throws {
        let clock = TestClock()  // 2023-11-14T22:13:20Z
        let database = try TemporaryDatabase()
        let store = try database.open(clock: clock)
        let session = try await store.createSession(named: "maths").id!

        let first = try await store.beginTurn(session: session, prompt: "What is 2+2?\n# not a heading",
                                              tier: "fast", models: ["a/one", "b/two"]).id!
        try await store.appendResult(turn: first, stage: .generation, model: "a/one", outcome: .arrived,
                                     text: "4", latency: .milliseconds(1200))
        try await store.appendResult(turn: first, stage: .generation,
                                     ModelResult(model: "b/two", outcome: .failed(.serverError(status: 500, message: "boom")),
                                                 latency: .milliseconds(300)))
        try await store.appendResult(turn: first, stage: .review, model: "a/one", outcome: .arrived,
                                     text: "FINAL RANKING: A", latency: .milliseconds(800), verdict: .ranked(["a/one"]))
        try await store.finishTurn(turn: first, status: .partial, finalAnswer: "Four.", synthesised: true,
                                   chairman: "c/chair", ranking: nil,
                                   usage: Usage(promptTokens: 120, completionTokens: 45, cost: 0.0012))
        clock.advance(by: .seconds(60))
        let second = try await store.beginTurn(session: session, prompt: "Again", tier: "deep", models: ["a/one"],
                                               replayOf: first).id!
        try await store.appendResult(turn: second, stage: .generation, model: "a/one", outcome: .cancelled,
                                     latency: .milliseconds(50))
        try await store.finishTurn(turn: second, status: .cancelled, finalAnswer: nil, synthesised: false,
                                   chairman: nil, ranking: nil, usage: Usage())

        let markdown = TranscriptMarkdown.render(try await store.transcript(session: session))
        #expect(markdown == """
            # Session: maths

            Created 2023-11-14T22:13:20Z · 2 turns

            ## Turn 1 — partial

            - Started: 2023-11-14T22:13:20Z
            - Tier: fast
            - Models: a/one, b/two (1 of 2 arrived)
            - Tokens: 120 in, 45 out; cost: $0.0012

            ### Prompt

            > What is 2+2?
            > # not a heading

            ### Final answer

            _Synthesised by c/chair._

            Four.

            ### Answers

            #### a/one — arrived, 1200 ms

            4

            #### b/two — failed, 300 ms

            > Error: HTTP 500 server error: boom

            ### Reviews

            #### a/one — arrived, 800 ms

            FINAL RANKING: A

            ## Turn 2 — cancelled

            - Started: 2023-11-14T22:14:20Z
            - Tier: deep
            - Models: a/one (0 of 1 arrived)
            - Tokens: 0 in, 0 out; cost: unknown
            - Replay of turn 1

            ### Prompt

            > Again

            ### Final answer

            _No final answer._

            ### Answers

            #### a/one — cancelled, 50 ms

            _No text._

            """)
    }

    @Test func transcriptRoundTripsThroughJSON() async throws {
        let database = try TemporaryDatabase()
        let store = try database.open()
        let session = try await store.createSession(named: "s").id!
        let turn = try await store.beginTurn(session: session, prompt: "p", tier: "t", models: ["m"]).id!
        try await store.appendResult(turn: turn, stage: .generation, model: "m", outcome: .arrived, text: "x",
                                     latency: .milliseconds(3))
        let transcript = try await store.transcript(session: session)
        let decoded = try JSONDecoder().decode(SessionTranscript.self, from: JSONEncoder().encode(transcript))
        #expect(decoded == transcript)
        #expect(decoded.turns.first?.results.first?.text == "x")
    }
}
