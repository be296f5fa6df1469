/// (f) the store — filled in once the store lands.
struct StoreScenarios {
    let repetitions: Int
    func run() async throws -> [Row] { [] }
}
