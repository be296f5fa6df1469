/// `council --generate-completion-script bash|zsh|fish`: the argument parser's script for the
/// subcommands and their options, with the settings' options (`--tier`, `--timeout`, …) added. The
/// settings are taken off the command line before the parser sees it (`SettingFlags`), so its script
/// does not know them; every command takes them, as every command takes `--config`, so they are added
/// wherever the script offers `--config`.
public enum CompletionScript {
    /// The shell named after `--generate-completion-script`: nil when it is not asked for, "" when no
    /// shell follows.
    public static func requestedShell(_ arguments: [String]) -> String? {
        let option = "--generate-completion-script"
        for (index, argument) in arguments.enumerated() {
            if argument == option { return index + 1 < arguments.count ? arguments[index + 1] : "" }
            if argument.hasPrefix(option + "=") { return String(argument.dropFirst(option.count + 1)) }
        }
        return nil
    }

    /// One option a setting adds: its spelling without dashes, its help and the words its value takes.
    struct Option {
        var name: String
        var help: String
        var words: [String]
    }

    static var options: [Option] {
        SettingDeclarations.all.flatMap { setting -> [Option] in
            guard let flag = setting.flag else { return [] }
            return ([flag] + setting.flagAliases).map { Option(name: String($0.dropFirst(2)), help: setting.help, words: setting.words) }
        }
    }

    /// `script`, the argument parser's for `shell`, with the settings' options added.
    public static func addingSettings(to script: String, shell: String) -> String {
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return lines.flatMap { line -> [String] in
            switch shell {
            case "zsh": zsh(line)
            case "bash": bash(line)
            case "fish": fish(line)
            default: [line]
            }
        }.joined(separator: "\n")
    }

    private static func zsh(_ line: String) -> [String] {
        guard line.trimmingCharacters(in: .whitespaces).hasPrefix("'--config[") else { return [line] }
        let indent = String(line.prefix { $0 == " " })
        return [line] + options.map { option in
            let help = option.help.replacingOccurrences(of: "'", with: "'\\''")
                .replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
            let words = option.words.isEmpty ? "" : "(" + option.words.joined(separator: " ") + ")"
            return "\(indent)'--\(option.name)[\(help)]:\(option.name):\(words)'"
        }
    }

    private static func bash(_ line: String) -> [String] {
        if line.contains("non_repeating_options=(--config") {
            return [line.replacingOccurrences(of: "(--config", with: "(--config " + options.map { "--" + $0.name }.joined(separator: " "))]
        }
        guard line.trimmingCharacters(in: .whitespaces) == "'--config')" else { return [line] }
        // The script's `compgen` splits a word list at newlines.
        let indent = String(line.prefix { $0 == " " })
        return options.flatMap { option in
            ["\(indent)'--\(option.name)')"]
                + (option.words.isEmpty ? [] : ["\(indent)    __council_add_completions -W $'\(option.words.joined(separator: "\\n"))'"])
                + ["\(indent)    return", "\(indent)    ;;"]
        } + [line]
    }

    private static func fish(_ line: String) -> [String] {
        if line.contains("'config='") {
            return [line.replacingOccurrences(of: "'config='", with: (["config"] + options.map(\.name)).map { "'\($0)='" }.joined(separator: " "))]
        }
        // complete -c 'council' -n '…_flags_or_options "council ask" config' -l 'config' -d '…' -rfka ''
        guard line.contains(" -l 'config' "), let condition = line.range(of: " config' -l 'config'") else { return [line] }
        let head = line[..<condition.lowerBound]
        return [line] + options.map { option in
            let help = option.help.replacingOccurrences(of: "'", with: "\\'")
            return "\(head) \(option.name)' -l '\(option.name)' -d '\(help)' -rfka '\(option.words.joined(separator: " "))'"
        }
    }
}
