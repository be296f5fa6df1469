import Foundation
import Testing
@testable import CouncilCLI

@Suite struct CommandCompleterTests {
    let completer = CommandCompleter(
        modelIDs: ["openai/gpt-4o", "openrouter/auto", "anthropic/claude-sonnet-4"],
        sessionNames: ["work", "weekend"])

    static let cases: [(line: String, word: String, expected: [String])] = [
        ("/ti", "/ti", ["/tier", "/timeout"]),
        ("/tie", "/tie", ["/tier"]),
        ("/q", "/q", ["/quit"]),
        ("/sess", "/sess", ["/session", "/sessions"]),
        ("/tier b", "b", ["balanced"]),
        ("/tier ", "", ["quick", "balanced", "high", "reasoning", "auto"]),
        ("/tier high ", "", []),
        ("/enable op", "op", ["openai/gpt-4o", "openrouter/auto"]),
        ("/enable openai/gpt-4o op", "op", ["openrouter/auto"]),
        ("/disable an", "an", ["anthropic/claude-sonnet-4"]),
        ("/only openai/", "openai/", ["openai/gpt-4o"]),
        ("/toggle open", "open", ["openai/gpt-4o", "openrouter/auto"]),
        ("/toggle openai/gpt-4o o", "o", []),
        ("/chairman an", "an", ["anthropic/claude-sonnet-4"]),
        ("/review o", "o", ["on", "off"]),
        ("/mode s", "s", ["synth"]),
        ("/hedge ", "", ["off", "auto"]),
        ("/timeout a", "a", ["auto"]),
        ("/timeout 5 ", "", []),
        ("/export j", "j", ["json"]),
        ("/export md o", "o", []),
        ("/breakers r", "r", ["reset"]),
        ("/breakers reset openr", "openr", ["openrouter/auto"]),
        ("/help ti", "ti", ["tier", "timeout"]),
        ("/help /ti", "/ti", ["/tier", "/timeout"]),
        ("/session o", "o", ["open"]),
        ("/session open w", "w", ["work", "weekend"]),
        ("/session rename w", "w", []),
        ("/unknown o", "o", []),
        ("tell me about op", "op", []),
    ]

    @Test(arguments: cases)
    func offersCandidates(line: String, word: String, expected: [String]) {
        #expect(completer.candidates(line: line, word: word) == expected)
    }

    @Test func slashAloneOffersEveryCommand() {
        #expect(completer.candidates(line: "/", word: "/") == CommandCatalog.allNames.map { "/" + $0 })
    }

    @Test func fileCompletesPathsWithDirectoriesMarked() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("council-paths-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("src"), withIntermediateDirectories: true)
        for name in ["spec.md", "shot.png", ".hidden"] { try Data().write(to: directory.appendingPathComponent(name)) }
        let base = directory.path + "/"
        #expect(completer.candidates(line: "/file \(base)s", word: base + "s") == [base + "shot.png", base + "spec.md", base + "src/"])
        #expect(completer.candidates(line: "/file \(base)spec.md \(base)sr", word: base + "sr") == [base + "src/"])
        #expect(completer.candidates(line: "/file \(base).", word: base + ".") == [base + ".hidden"])
        #expect(completer.candidates(line: "/file \(base)nothing", word: base + "nothing").isEmpty)
    }
}
