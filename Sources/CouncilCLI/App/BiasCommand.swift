import CouncilCore
import CouncilStore
import Foundation

/// `council bias [--session NAME] [--json]`: each reviewer's biases over the stored turns.
public struct BiasCommand {
    public let store: CouncilStore
    public let names: ModelNames

    public init(store: CouncilStore, names: ModelNames = ModelNames()) {
        self.store = store
        self.names = names
    }

    public func run(session name: String?, json: Bool) async -> Int32 {
        do {
            var session: Int64?
            if let name {
                guard let id = try await store.sessionID(named: name) else { return 1 }
                session = id
            }
            let report = ReviewerBias.report(try await store.storedBallots(session: session))
            Console().print(json ? BiasDocument.json(report, names: names) : BiasTable(names: names).render(report))
            return 0
        } catch {
            Console().error(UserPath.describe(error))
            return 1
        }
    }
}
