import CouncilCore
import CouncilStore

/// What the judgement commands do: read the stored ballots and measure each reviewer.
extension CommandEffect {
    static func showBias(everySession: Bool) -> CommandEffect {
        CommandEffect("showBias(\(everySession ? "all" : "session"))") { services, state in
            let ballots = try await services.store.storedBallots(session: everySession ? nil : state.session.id)
            let scope = everySession ? "every stored session" : "session '\(state.session.name)'"
            services.console.status("reviewer bias over \(scope):")
            services.console.page(BiasTable(names: services.screen.names).render(ReviewerBias.report(ballots)))
        }
    }
}
