import CouncilCore
import CouncilDemo
import CouncilStore
import Foundation

/// Everything a run of the program works with, assembled once at start-up: the configuration, the
/// providers, the store, the breakers and the engine.
public final class CouncilRuntime: Sendable {
    public let loaded: LoadedConfig
    public let setup: CouncilSetup
    public let store: CouncilStore
    public let breakers: BreakerBoard
    /// The same board, kept in step with what other processes save.
    let sharedBreakers: SharedBreakers
    public let council: Council
    public let terminal: TerminalInfo
    /// What to tell the user before the first prompt: demo notice, warnings, left-out models.
    public let startupNotes: [String]
    /// The next turn's latency figures, read as the last turn ended.
    let latencyPrefetch = LatencyPrefetch()

    public var config: CouncilConfig { setup.config }

    public static func start(flags: ConfigFlags, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> CouncilRuntime {
        let loaded = try ConfigLoader(environment: environment, currentDirectory: FileManager.default.currentDirectoryPath).load(flags: flags)
        let logger = TraceLog.logger(level: loaded.config.logLevel, path: loaded.config.logFile)
        // A fresh seed per run: the demo's outages and stalls differ from one session to the next.
        // COUNCIL_DEMO_SEED and COUNCIL_DEMO_TIME_SCALE (undocumented, for tests and for reproducing
        // a demo run) fix the seed and speed the demo up.
        let demoSeed = environment["COUNCIL_DEMO_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: .min ... .max)
        let demoTimeScale = environment["COUNCIL_DEMO_TIME_SCALE"].flatMap { Double($0) }.flatMap { $0 > 0 ? $0 : nil }
        let setup = CouncilSetup.assemble(loaded, demoTimeScale: demoTimeScale ?? DemoCouncil.defaultTimeScale, demoSeed: demoSeed) {
            OpenAICompatibleClient(endpoint: $0, limits: ResponseLimits(answerBytes: loaded.config.maxAnswerBytes), logger: logger)
        }
        let databasePath = URL(fileURLWithPath: setup.config.dataDirectory).appendingPathComponent("council.db").path
        let store: CouncilStore
        do {
            store = try CouncilStore(path: databasePath)
        } catch {
            throw CLIError.message("cannot open the session store \(databasePath): \(UserPath.describe(error)) (set data_dir in the configuration or COUNCIL_DATA_DIR)")
        }
        // The demo's breakers live for one run: its simulated outages never block it next time, nor
        // mix with real models' state.
        let saved = setup.isDemo ? [:] : ((try? await store.loadBreakers()) ?? [:])
        let breakers = BreakerBoard(policy: setup.config.breaker, restoring: saved)
        var notes: [String] = []
        if let demo = setup.demo { notes.append("⚠ \(demo) — every answer is marked [demo]") }
        notes += loaded.warnings.map(\.description)
        notes += setup.notes
        if store.interruptedOnOpen > 0 {
            notes.append("\(store.interruptedOnOpen) turn\(store.interruptedOnOpen == 1 ? " was" : "s were") cut short when council last stopped; kept, marked 'interrupted'")
        }
        return CouncilRuntime(loaded: loaded, setup: setup, store: store, breakers: breakers,
                              council: Council(router: ModelRouter(setup.routes), breakers: breakers),
                              terminal: TerminalInfo.current(environment: environment), startupNotes: notes)
    }

    private init(loaded: LoadedConfig, setup: CouncilSetup, store: CouncilStore, breakers: BreakerBoard, council: Council,
                 terminal: TerminalInfo, startupNotes: [String]) {
        self.loaded = loaded
        self.setup = setup
        self.store = store
        self.breakers = breakers
        let known = Set(setup.config.models.keys).union(setup.routes.keys).union(setup.config.referencedModels).sorted()
        self.knownModels = known
        sharedBreakers = SharedBreakers(board: breakers, store: store, isDemo: setup.isDemo, knownModels: known,
                                        window: setup.config.breaker.window)
        self.council = council
        self.terminal = terminal
        self.startupNotes = startupNotes
    }

    /// Every model id the user may name: configured, routed, and the demo's.
    public let knownModels: [ModelID]

    /// What the council on `tier` cannot call, one line per reason (ten models behind one missing key
    /// are one thing to fix); nothing about tiers not in use, which `/tier` names when switched to.
    func leftOutNotes(tier: Tier, chairman: ModelID) -> [String] {
        let wanted = Set(config.tier(tier).models + [chairman])
        let excluded = setup.excluded.filter { wanted.contains($0.model) }
        return Dictionary(grouping: excluded, by: \.reason).sorted { $0.key < $1.key }.map { reason, models in
            "left out (\(reason)): \(UnreachableSummary.shortList(models.map(\.model)))"
        }
    }

    /// The recent latency of `models` per stage, for `auto` timeouts and hedges: what was read as the
    /// last turn ended, else read now. None when the store cannot be read (the stage's timeouts then
    /// apply, and hedging waits).
    func recentLatency(of models: [ModelID]) async -> LatencyStats {
        if let prefetched = latencyPrefetch.take(models) { return await prefetched.value }
        return (try? await store.recentLatency(models: models)) ?? .none
    }

    /// Reads the figures of `models` now, for the next turn.
    func prefetchLatency(of models: [ModelID]) {
        let store = store
        latencyPrefetch.start(models) { (try? await store.recentLatency(models: models)) ?? .none }
    }
}
