import CouncilCore

/// What a command reads when it runs: the configuration and models (`context`) and the REPL's state;
/// and the few ways it answers.
struct CommandInvocation: Sendable {
    let context: CommandContext
    let state: ReplState

    /// The state unchanged, with an error line.
    func fail(_ text: String) -> CommandReaction { CommandReaction(state: state, messages: [.error(text)]) }

    /// The state unchanged, with `effect` to carry out.
    func perform(_ effect: CommandEffect) -> CommandReaction { CommandReaction(state: state, effects: [effect]) }

    /// The state unchanged, with a status line.
    func say(_ text: String) -> CommandReaction { CommandReaction(state: state, messages: [.status(text)]) }

    /// A changed session saved with its status lines.
    func saving(_ next: ReplState, _ lines: [String]) -> CommandReaction {
        CommandReaction(state: next, messages: lines.map(ReplMessage.status), effects: [.saveSettings])
    }

    var tier: Tier { state.settings.currentTier }
    var council: [ModelID] { state.settings.models(for: tier) }
}
