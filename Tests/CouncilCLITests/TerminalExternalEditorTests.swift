import Testing
@testable import CouncilCLI

@Suite struct TerminalExternalEditorTests {
    @Test func prefersVisualThenEditorThenVi() {
        #expect(ExternalEditor(environment: ["VISUAL": "nano", "EDITOR": "ed"]).command == "nano")
        #expect(ExternalEditor(environment: ["VISUAL": "  ", "EDITOR": "ed"]).command == "ed")
        #expect(ExternalEditor(environment: ["EDITOR": "emacs -nw"]).command == "emacs -nw")
        #expect(ExternalEditor(environment: [:]).command == "vi")
    }

    @Test func returnsTheEditedText() {
        let editor = ExternalEditor(environment: ["EDITOR": "sed -i s/hello/goodbye/"])
        #expect(editor.edit("hello world\n") == "goodbye world")
    }

    @Test func runsVisualRatherThanEditor() {
        let editor = ExternalEditor(environment: ["VISUAL": "sed -i s/a/visual/", "EDITOR": "sed -i s/a/editor/"])
        #expect(editor.edit("a") == "visual")
    }

    @Test func keepsUnchangedNonEmptyText() {
        #expect(ExternalEditor(environment: ["EDITOR": "true"]).edit("keep me") == "keep me")
    }

    @Test func nilWhenTheEditorFails() {
        #expect(ExternalEditor(environment: ["EDITOR": "false"]).edit("text") == nil)
        #expect(ExternalEditor(environment: ["EDITOR": "/nonexistent/editor"]).edit("text") == nil)
    }

    @Test func nilWhenTheResultIsEmpty() {
        #expect(ExternalEditor(environment: ["EDITOR": "true"]).edit("") == nil)
        #expect(ExternalEditor(environment: ["EDITOR": ": >"]).edit("text") == nil)
    }
}
