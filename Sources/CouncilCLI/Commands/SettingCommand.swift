import CouncilCore

/// What a session setting's slash command adds to its setting: its help and the line confirming a
/// choice. Reading the value (with the setting's parser), showing it when typed alone, completing it,
/// recording it as the session's choice and saving it come from the setting (`SlashCommand(setting:)`).
struct SettingCommand<Value: Sendable>: Sendable {
    let name: String
    let usage: String
    let summary: String
    let detail: String
    /// What the value is called in errors: "tier", "number", "model".
    let what: String
    /// Where Tab completion finds the value; the parser's words when nil.
    var argument: CommandArgument? = nil
    /// The whole rest of the line is the value (`/system Answer in French.`).
    var restOfLine = false
    /// Said beside a value the session did not choose when the command is typed alone; nil for nothing.
    var configuredNote: String? = "configured"
    /// The value in force as the command alone shows it, when not the setting's own display.
    var shown: (@Sendable (CommandInvocation) -> String)? = nil
    /// Why `value` cannot be chosen now (a model that cannot be called), nil when it can.
    var refuse: @Sendable (Value, CommandInvocation) -> String? = { _, _ in nil }
    /// Records the choice when more changes with it than the setting (`/tier` drops the model toggles).
    var apply: (@Sendable (Value, inout SessionState) -> Void)? = nil
    /// The lines confirming the choice, given the state before and after it.
    let confirm: @Sendable (Value, _ before: CommandInvocation, _ after: ReplState) -> [String]
}

extension SlashCommand {
    /// A session setting's command, from its declaration.
    init<Value>(setting: Setting<Value>, binding: SessionBinding<Value>) {
        let command = binding.command
        let words = setting.parser.choices
        self.init(name: command.name, usage: command.usage, summary: command.summary, detail: command.detail,
                  arguments: command.argument.map { [$0] } ?? (words.isEmpty ? [] : [.fixed(words)])) {
            words, invocation throws(CommandError) -> CommandReaction in
            guard !words.atEnd else { return invocation.say(Self.current(setting, command, invocation)) }
            let value = try words.value(setting.parser, what: command.what, restOfLine: command.restOfLine)
            if let refusal = command.refuse(value, invocation) { return invocation.fail(refusal) }
            var next = invocation.state
            if let apply = command.apply { apply(value, &next.settings) } else { next.settings.choose(setting, value) }
            return invocation.saving(next, command.confirm(value, invocation, next))
        }
    }

    /// `/min: 2 (configured) — usage: /min N`: the value in force, and how to change it.
    private static func current<Value>(_ setting: Setting<Value>, _ command: SettingCommand<Value>,
                                       _ invocation: CommandInvocation) -> String {
        let settings = invocation.state.settings
        let slot = setting.slots.first { $0.tier == nil || $0.tier == settings.currentTier }!
        var value = command.shown?(invocation) ?? setting.display(slot, in: settings.config)
        if settings.choices[setting.key] == nil, let note = command.configuredNote { value += " (\(note))" }
        let parser = setting.parser
        let change = parser.choices.isEmpty || parser.alsoOtherValues
            ? "usage: \(command.usage)" : "choose one of " + parser.choices.joined(separator: ", ")
        return "/\(command.name): \(value) — \(change)"
    }
}
