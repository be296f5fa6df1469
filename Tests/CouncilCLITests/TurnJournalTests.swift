import Foundation
import GRDB
import Synchronization
import Testing
import CouncilCore
import CouncilStore
import CouncilTestSupport
@testable import CouncilCLI

/// The journal between the engine, the store and the screen: a result is on the screen only once it is
/// stored, and the store never waits for the screen.
@Suite(.timeLimit(.minutes(2))) struct TurnJournalTests {
    static let models: [ModelID] = ["alpha", "bravo", "charlie"]

    /// A real turn against the scripted server, through a journal into `store` and onto `output`.
    static func turn(store: CouncilStore, output: TurnScreen.Output, synthesis: ScriptedReply = .stream("Paris it is."),
                     opened: @Sendable (Int64) -> Void = { _ in },
                     committing: @escaping @Sendable () async -> Void = {},
                     whileRunning: @Sendable (Int64) async -> Void = { _ in }) async throws {
        let script = CouncilScript(answers: ["alpha": .stream("Paris.", delay: .milliseconds(10)),
                                             "bravo": .stream("Lyon.", delay: .milliseconds(30)),
                                             "charlie": .error(status: 500, message: "down")],
                                   review: { _, view in .stream(view.ranking { $0.count }) },
                                   synthesis: { _, _ in synthesis })
        let server = try await ScriptedServer.start(script: script.reply(to:))
        let provider = OpenAICompatibleClient(endpoint: ProviderEndpoint(name: "scripted", baseURL: server.baseURL))
        let council = Council(router: ModelRouter(models: models, provider: provider), breakers: BreakerBoard(), shuffleSeed: 3)
        let session = try await store.createSession(named: "journal")
        let turn = try await store.beginTurn(session: session.id!, prompt: "Capital?", tier: "balanced", models: models)
        opened(turn.id!)
        let presenter = TurnPresenter(terminal: TurnPresenterTests.pipes, mode: .full, output: output)
        let recorder = TurnRecorder(store: store, turnID: turn.id!)
        let journal = TurnJournal(opening: { await committing(); return recorder }, presenter: presenter)
        let request = CouncilRequest(question: "Capital?", models: models, chairman: "alpha",
                                     perModelTimeout: .seconds(10), budget: .seconds(30))
        _ = await council.run(request) { journal.take($0) }
        await whileRunning(turn.id!)
        await journal.finish()
        await presenter.finish()
        await server.stop()
    }

    /// A session store in a directory of its own, which `remove()` deletes.
    struct JournalDatabase {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("council-journal-\(UUID().uuidString)")
        var path: String { directory.appendingPathComponent("council.db").path }
        let store: CouncilStore

        init() throws { store = try CouncilStore(path: directory.appendingPathComponent("council.db").path) }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    /// What the store holds of a turn, read through a connection of its own, as another process would.
    struct Stored: Sendable {
        var results: Set<String>  // "stage model"
        var status: String
    }

    static func stored(_ queue: DatabaseQueue, turn: Int64) -> Stored {
        (try? queue.read { db in
            let results = try Row.fetchAll(db, sql: "SELECT stage, model FROM model_results WHERE turn_id = ?", arguments: [turn])
            let status = try String.fetchOne(db, sql: "SELECT status FROM turns WHERE id = ?", arguments: [turn]) ?? ""
            return Stored(results: Set(results.map { "\($0["stage"] as String) \($0["model"] as String)" }), status: status)
        }) ?? Stored(results: [], status: "")
    }

    @Test func everyResultOnTheScreenIsAlreadyStored() async throws {
        let database = try JournalDatabase()
        defer { database.remove() }
        let store = database.store
        let reader = try DatabaseQueue(path: database.path)
        let turnID = Mutex<Int64?>(nil)
        // Each line, with what the store held at the moment the screen wrote it.
        let shown = Mutex<[(line: String, stored: Stored)]>([])
        let output = TurnScreen.Output(answer: { _ in }, status: { text in
            guard let turn = turnID.withLock({ $0 }) else { return }
            let stored = Self.stored(reader, turn: turn)
            let lines = text.split(separator: "\n").map(String.init)
            shown.withLock { $0 += lines.map { ($0, stored) } }
        })
        try await Self.turn(store: store, output: output, opened: { id in turnID.withLock { $0 = id } })

        let lines = shown.withLock { $0 }
        var checked = 0
        for (line, stored) in lines {
            for stage in ["generation", "review", "synthesis"] where line.hasPrefix("\(stage): ") {
                guard let model = Self.models.first(where: { line.hasPrefix("\(stage): \($0) ") }) else { continue }
                #expect(stored.results.contains("\(stage) \(model)"), "shown before it was stored: \(line)")
                checked += 1
            }
            if line.contains("models arrived") {
                #expect(stored.status != "running", "the footer was shown before the turn's end was stored")
            }
        }
        #expect(checked >= 6, "3 answers, 2 reviews and the chairman's were shown:\n\(lines.map(\.line).joined(separator: "\n"))")
        #expect(lines.last?.line.contains("models arrived 2/3") == true, "the footer was shown last: \(lines.map(\.line))")
    }

    @Test func nothingIsShownOrStoredBeforeTheTurnsRowIsCommitted() async throws {
        let database = try JournalDatabase()
        defer { database.remove() }
        let reader = try DatabaseQueue(path: database.path)
        let written = Mutex("")
        let output = TurnScreen.Output(answer: { text in written.withLock { $0 += text } },
                                       status: { text in written.withLock { $0 += text } })
        let (committed, commit) = AsyncStream.makeStream(of: Void.self)
        let meanwhile = Mutex<(shown: String, stored: Stored)?>(nil)
        try await Self.turn(store: database.store, output: output, committing: { for await _ in committed { break } },
                            whileRunning: { turn in
            // The engine is done and the row's commit still held: nothing of the turn may be out yet.
            meanwhile.withLock { $0 = (written.withLock { $0 }, Self.stored(reader, turn: turn)) }
            commit.yield()
        })
        let held = try #require(meanwhile.withLock { $0 })
        #expect(held.shown.isEmpty, "shown before the turn's row was committed: \(held.shown)")
        #expect(held.stored.results.isEmpty)
        #expect(written.withLock { $0 }.contains("Paris it is."), "all of it once the row is committed")
    }

    @Test func theStoreDoesNotWaitForAStuckScreen() async throws {
        let database = try JournalDatabase()
        defer { database.remove() }
        let store = database.store
        let reader = try DatabaseQueue(path: database.path)
        // The terminal takes nothing until the test lets it (or 20 s pass, so a failure cannot hang).
        let gate = DispatchSemaphore(value: 0)
        let written = Mutex("")
        let output = TurnScreen.Output(answer: { _ in }, status: { text in
            _ = gate.wait(timeout: .now() + 20)
            gate.signal()
            written.withLock { $0 += text }
        })
        let everything = Mutex<Stored?>(nil)
        let screenMeanwhile = Mutex<String?>(nil)
        try await Self.turn(store: store, output: output, whileRunning: { turn in
            // The engine is done; the screen is stuck on its first line: the store must still get it all.
            _ = await waitUntil { Self.stored(reader, turn: turn).status != "running" }
            everything.withLock { $0 = Self.stored(reader, turn: turn) }
            screenMeanwhile.withLock { $0 = written.withLock { $0 } }
            gate.signal()
        })
        let stored = try #require(everything.withLock { $0 })
        #expect(stored.status == "partial", "charlie failed")
        #expect(stored.results.count == 3 + 2 + 1, "\(stored.results)")
        #expect(screenMeanwhile.withLock { $0 } == "", "the screen was stuck the whole time")
        #expect(written.withLock { $0 }.contains("models arrived 2/3"), "once free, the screen shows everything")
    }

    /// The chairman's answer, whole, is on stdout while the database is locked by another process: it
    /// does not wait for the commit of the turn's end (it was shown as it streamed, unstored like every
    /// delta); the footer does, and the store gets everything once the lock goes.
    @Test func theAnswerIsShownWithoutWaitingForTheTurnsEndToBeStored() async throws {
        let database = try JournalDatabase()
        defer { database.remove() }
        let store = database.store
        let locker = try DatabaseQueue(path: database.path)
        let chairmanShown = DispatchSemaphore(value: 0), answerShown = DispatchSemaphore(value: 0)
        let synthesis = ReplyGate()
        let footerWhileLocked = Mutex(false), locked = Mutex(false)
        let output = TurnScreen.Output(answer: { text in
            if text.contains("Paris it is.") { answerShown.signal() }
        }, status: { text in
            if text.contains("chairman: alpha") { chairmanShown.signal() }
            if text.contains("models arrived"), locked.withLock({ $0 }) { footerWhileLocked.withLock { $0 = true } }
        })
        // Another process's write transaction, from the chairman's choice until the answer shows (or 10 s).
        let answerWhileLocked = Mutex<Bool?>(nil)
        let lockReleased = DispatchSemaphore(value: 0)
        Thread {
            defer { lockReleased.signal() }
            guard chairmanShown.wait(timeout: .now() + 20) == .success else { return }
            try? locker.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                locked.withLock { $0 = true }
                synthesis.open()
                answerWhileLocked.withLock { $0 = answerShown.wait(timeout: .now() + 10) == .success }
                locked.withLock { $0 = false }
                try db.execute(sql: "ROLLBACK")
            }
        }.start()
        let turnID = Mutex<Int64?>(nil)
        try await Self.turn(store: store, output: output, synthesis: .gated(synthesis, .stream("Paris it is.")),
                            opened: { id in turnID.withLock { $0 = id } })
        #expect(lockReleased.wait(timeout: .now() + 20) == .success)
        #expect(answerWhileLocked.withLock { $0 } == true, "the answer waited for the store")
        #expect(!footerWhileLocked.withLock { $0 }, "the footer was shown before the turn's end was stored")
        let stored = Self.stored(try DatabaseQueue(path: database.path), turn: try #require(turnID.withLock { $0 }))
        #expect(stored.status == "partial" && stored.results.contains("synthesis alpha"), "\(stored)")
    }
}
