import Foundation

/// The settings' options on the command line (`--tier high`, `--timeout=20`), taken out before the
/// argument parser sees the rest: they come from the declarations, not from one `@Option` each.
public struct SettingFlags: Sendable, Equatable {
    /// By the option's main spelling (`--min` is stored as `--min-responses`), as typed.
    public var settings: [String: String]
    /// Everything else, in order, for the argument parser.
    public var remaining: [String]
    /// An option given without its value, as the user should read it.
    public var error: String?

    /// Splits `arguments` (without the program name). After `--` nothing is an option.
    public init(splitting arguments: [String]) {
        settings = [:]
        remaining = []
        error = nil
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                remaining += arguments[(index - 1)...]
                break
            }
            let (name, inline) = Self.split(argument)
            guard let setting = SettingDeclarations.setting(forFlag: name), let flag = setting.flag else {
                remaining.append(argument)
                continue
            }
            if let inline {
                settings[flag] = inline
            } else if index < arguments.endIndex {
                settings[flag] = arguments[index]
                index += 1
            } else {
                error = "option \(name) needs a value (\(setting.expected))"
            }
        }
    }

    /// `--tier=high` → (`--tier`, `high`); `--tier` → (`--tier`, nil).
    private static func split(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    /// The settings' options for `--help`: the option, its variable, and what it does, in lines short
    /// enough for the argument parser's 80 columns.
    public static var help: String {
        let entries = SettingDeclarations.all.compactMap { setting -> String? in
            guard let flag = setting.flag else { return nil }
            let spellings = ([flag] + setting.flagAliases).map { "\($0) <value>" }.joined(separator: ", ")
            let variable = setting.environmentVariable.map { ", $\($0)" } ?? ""
            return "  \(spellings)\(variable)\n      \(setting.help)"
        }
        return "SETTINGS (flag > variable > session > file > default; also .councilrc keys):\n"
            + entries.joined(separator: "\n")
    }
}
