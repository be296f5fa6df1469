import Foundation

extension TurnScreen {
    /// Where the text goes: the process's streams, or a test's buffer.
    public struct Output: Sendable {
        var answer: @Sendable (String) -> Void
        var status: @Sendable (String) -> Void
        /// The status terminal's width now: it is read at every redraw, so a resize is followed.
        var width: @Sendable () -> Int = { TerminalInfo.width(of: STDERR_FILENO) }

        public init(answer: @escaping @Sendable (String) -> Void, status: @escaping @Sendable (String) -> Void,
                    width: @escaping @Sendable () -> Int = { TerminalInfo.width(of: STDERR_FILENO) }) {
            self.answer = answer
            self.status = status
            self.width = width
        }

        public static let standardStreams = Output(answer: { FileHandle.standardOutput.write(Data($0.utf8)) },
                                            status: { FileHandle.standardError.write(Data($0.utf8)) })
    }
}
