import Testing
@testable import CouncilCLI

@Suite struct TerminalExternalEditorTests {
    @Test func prefersVisualThenEditorThenVi() {
        #expect(ExternalEditor(environment: ["VISUAL": "nano", "EDITOR": "ed"]).command == "nano")
        #expect(ExternalEditor(environment: ["VISUAL": "  ", "EDITOR": "ed"]).command == "ed")
        #expect(ExternalEditor(environment: ["EDITOR": "emacs -nw"]).command == "emacs -nw")
        #expect(ExternalEditor(environment: [:]).command == "vi")
    }

    @Test func returnsTheEditedText() throws {
        let editor = ExternalEditor(environment: ["EDITOR": "sed -i s/hello/goodbye/"])
        #expect(try editor.edit("hello world\n") == "goodbye world")
    }

    @Test func runsVisualRatherThanEditor() throws {
        let editor = ExternalEditor(environment: ["VISUAL": "sed -i s/a/visual/", "EDITOR": "sed -i s/a/editor/"])
        #expect(try editor.edit("a") == "visual")
    }

    @Test func keepsUnchangedNonEmptyText() throws {
        #expect(try ExternalEditor(environment: ["EDITOR": "true"]).edit("keep me") == "keep me")
    }

    @Test func aFailingEditorIsAnErrorThatSaysHow() {
        #expect(throws: ExternalEditor.Failure(command: "false", status: 1)) { try ExternalEditor(environment: ["EDITOR": "false"]).edit("text") }
        let missing = #expect(throws: ExternalEditor.Failure.self) { try ExternalEditor(environment: ["EDITOR": "/nonexistent/editor"]).edit("text") }
        #expect(missing?.description == "the editor '/nonexistent/editor' exited with status 127 (command not found)")
    }

    @Test func nilWhenTheResultIsEmpty() throws {
        #expect(try ExternalEditor(environment: ["EDITOR": "true"]).edit("") == nil)
        #expect(try ExternalEditor(environment: ["EDITOR": ": >"]).edit("text") == nil)
    }
}
