import Foundation
import Testing
@testable import CouncilCLI

@Suite struct UserFacingTextTests {
    @Test(arguments: [
        ("http://admin:pw-SECRET@127.0.0.1:8080/v1?token=qs-SECRET", "http://[redacted]@127.0.0.1:8080/v1?[redacted]"),
        ("https://openrouter.ai/api/v1", "https://openrouter.ai/api/v1"),
    ])
    func configShowsWhereABaseURLPointsNotItsCredentials(url: String, shown: String) {
        #expect(ConfigRenderer.withoutCredentials(url) == shown)
    }

    @Test func sessionNamesAreVisibleTextOnOneLine() throws {
        #expect(try SessionNames.validated("  work  ") == "work")
        for bad in ["", "   ", "evil\u{1B}]0;PWN\u{07}", "a\nb", "rtl\u{202E}name"] {
            #expect(throws: CLIError.self) { try SessionNames.validated(bad) }
        }
    }

    @Test func tildeIsHomeAndQuotesAreDropped() {
        let environment = ["HOME": "/home/someone"]
        #expect(UserPath.resolve("~/x.md", environment: environment) == "/home/someone/x.md")
        #expect(UserPath.resolve("\"/tmp/with space.md\"", environment: environment) == "/tmp/with space.md")
        #expect(UserPath.resolve("/tmp/a/../b.md", environment: environment) == "/tmp/b.md")
    }

    @Test func liveRowsAreCutToTheTerminalWidth() {
        let coloured = "  \u{1B}[32m✔\u{1B}[0m model  \u{1B}[32marrived\u{1B}[0m in 1.2 s, 42 tokens"
        #expect(TurnScreen.fit(coloured, width: 80) == coloured, "short rows keep their colour")
        let cut = TurnScreen.fit(coloured, width: 20)
        #expect(cut == "  ✔ model  arrived…")
        #expect(cut.count < 20)
    }
}
