/// (g) start-up — filled in once the REPL lands.
struct StartupScenarios {
    let repetitions: Int
    func run() async throws -> [Row] { [] }
}
