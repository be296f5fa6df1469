/// Forgives two things people type: options before the subcommand (`council --config F ask "q"`),
/// which are moved after it, and a question without `ask` (`council "why?"`), which gets a hint.
public enum CommandLineOrder {
    /// Options that take a value, so their value is not mistaken for the subcommand.
    public static let valueOptions: Set<String> = ["--config", "--session", "--models", "--format", "-f", "--file", "--host", "--port"]

    /// `council --config F ask q` becomes `council ask --config F q`; anything else is left alone.
    public static func normalized(_ arguments: [String], subcommands: Set<String>) -> [String] {
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-"), arguments[index] != "--" {
            index += valueOptions.contains(arguments[index]) ? 2 : 1
        }
        guard index > 0, index < arguments.count, subcommands.contains(arguments[index]) else { return arguments }
        return [arguments[index]] + arguments[..<index] + arguments[(index + 1)...]
    }

    /// The hint for a first word that is neither an option nor a subcommand: a question meant for `ask`.
    public static func strayQuestion(in arguments: [String], subcommands: Set<String>) -> String? {
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-") {
            index += valueOptions.contains(arguments[index]) ? 2 : 1
        }
        guard index < arguments.count, !subcommands.contains(arguments[index]) else { return nil }
        let words = arguments[index...].joined(separator: " ")
        let suggestion = WordSuggestion.nearest(arguments[index], in: subcommands)
        if let suggestion, !arguments[index].contains(" ") {
            return "unknown command '\(arguments[index])' — did you mean 'council \(suggestion)'?"
        }
        return "council takes a question through 'ask': council ask \"\(words)\" (or run council alone for the REPL)"
    }
}
