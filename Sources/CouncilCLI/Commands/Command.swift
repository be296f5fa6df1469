import CouncilCore

/// A slash command typed at the prompt, parsed by `CommandParser`. Model ids are taken as typed; the
/// session checks them against the models it knows (see `WordSuggestion`).
public enum Command: Equatable, Sendable {
    case tier(TierChoice)
    case models
    case enable([ModelID])
    case disable([ModelID])
    case toggle(ModelID)
    case only([ModelID])
    case chairman(ModelID)
    /// `/min N`: the fewest stage-1 answers the council waits for.
    case minResponses(Int)
    /// `/timeout SECONDS|auto`, already checked to be a timeout a person can mean.
    case timeout(TimeoutChoice)
    /// `/hedge off|SECONDS|auto`: every model's hedge delay for this session.
    case hedge(HedgeChoice)
    /// `/system TEXT` or `/system off` (""): every model's system prompt for this session.
    case systemPrompt(String)
    /// `/review on|off`: whether stage 2 (peer review) runs.
    case review(Bool)
    case mode(CouncilMode)
    case breakers
    /// `/breakers reset [ID]`: one model's breaker, or all of them when `model` is nil.
    case resetBreakers(model: ModelID?)
    case clear
    case config
    /// `/help [command]`.
    case help(topic: CommandName?)
    case exit

    // Session commands (stored sessions and turns).
    case session(SessionAction)
    case sessions
    case history
    /// `/show [N [MODEL]]`, `/replay [N]`: turn N, or the last turn when `turn` is nil; with MODEL,
    /// only that model's answer and review, in full.
    case show(turn: Int?, model: ModelID? = nil)
    case replay(turn: Int?)
    case retry
    case export(format: ExportFormat, file: String?)
    case stats
    case edit
    /// `/copy [N] [MODEL]`: the final answer (or MODEL's) of turn N, or of the last turn.
    case copy(turn: Int?, model: ModelID?)
    /// `/raw [on|off]`: answers as written (on) or rendered (off); nil switches.
    case raw(Bool?)
    /// A setting command typed alone (`/tier`, `/min`, `/chairman`, …): show the value in force.
    case showSetting(CommandName)
}

/// The argument of `/export`.
public enum ExportFormat: String, CaseIterable, Equatable, Sendable {
    case md, json
}

/// What `/session` does.
public enum SessionAction: Equatable, Sendable {
    /// `/session` alone: show the current session.
    case show
    /// `/session new [NAME]`: a fresh session, named or not.
    case new(name: String?)
    case open(name: String)
    case rename(name: String)
    case delete(name: String)
}
