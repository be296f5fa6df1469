import Foundation
import Testing
@testable import CouncilCLI

/// `council --generate-completion-script SHELL`: the subcommands and the settings' options complete
/// in a real bash; zsh and fish get the settings' options beside `--config` in every command.
@Suite(.timeLimit(.minutes(1))) struct ShellCompletionEndToEndTests {
    static func script(_ shell: String) async throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("council-completion-\(UUID())")
        defer { try? FileManager.default.removeItem(at: home) }
        let run = try await CouncilBinary.run(["--generate-completion-script", shell], environment: CouncilBinary.bareEnvironment(home: home))
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    /// What bash offers for `line` (the word being completed is its last, "" after a space).
    static func bash(_ script: String, _ line: String) throws -> [String] {
        var words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if line.hasSuffix(" ") { words.append("") }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("council-\(UUID()).bash")
        defer { try? FileManager.default.removeItem(at: file) }
        try script.write(to: file, atomically: true, encoding: .utf8)
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let program = """
            source '\(file.path)'
            COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
            _council council '\(words.last!)' '\(words[words.count - 2])'
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["--norc", "-c", program]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func bashCompletesSubcommandsSettingsAndTheirValues() async throws {
        let script = try await Self.script("bash")
        #expect(try Self.bash(script, "council br") == ["breakers"])
        #expect(try Self.bash(script, "council ask --ti") == ["--tier", "--timeout"])
        #expect(try Self.bash(script, "council ask --tier ") == ["quick", "balanced", "high", "reasoning", "auto"])
        #expect(try Self.bash(script, "council replay s --mode s") == ["synth"])
        #expect(try Self.bash(script, "council ask --hedge-after ") == ["off", "auto"])
        #expect(try Self.bash(script, "council sessions --con") == ["--config", "--context-budget"])
    }

    @Test(arguments: ["zsh", "fish"])
    func zshAndFishOfferEverySettingWhereverTheyOfferConfig(shell: String) async throws {
        let script = try await Self.script(shell)
        let config = shell == "zsh" ? "'--config[" : " -l 'config' "
        let commands = script.components(separatedBy: config).count - 1
        #expect(commands >= 8, "every subcommand takes --config")
        for setting in SettingDeclarations.all {
            guard let flag = setting.flag else { continue }
            let spelling = shell == "zsh" ? "'\(flag)[" : " -l '\(flag.dropFirst(2))' "
            #expect(script.components(separatedBy: spelling).count - 1 == commands, "\(flag) in \(shell)")
        }
        #expect(script.contains(shell == "zsh" ? ":tier:(quick balanced high reasoning auto)'" : "-rfka 'quick balanced high reasoning auto'"))
    }

    @Test func anUnknownShellIsAUsageError() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("council-completion-\(UUID())")
        let run = try await CouncilBinary.run(["--generate-completion-script", "tcsh"], environment: CouncilBinary.bareEnvironment(home: home))
        #expect(run.status == 2)
        #expect(run.stderr.contains("bash, zsh or fish"))
    }
}
