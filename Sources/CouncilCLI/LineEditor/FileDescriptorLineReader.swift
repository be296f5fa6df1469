import Glibc

/// Reads lines from a file descriptor with `read(2)`, so that Ctrl-C can interrupt the wait.
/// (`Swift.readLine` cannot be used: after a read interrupted by a signal it spins at 100% CPU.)
final class FileDescriptorLineReader {
    enum Read: Equatable {
        /// A line without its `\n`.
        case line(String)
        /// SIGINT arrived while waiting.
        case interrupted
        case end
    }

    private let fileDescriptor: Int32
    private var buffer: [UInt8] = []
    private var reachedEnd = false

    init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    func next() -> Read {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return .line(line)
            }
            if reachedEnd {
                guard !buffer.isEmpty else { return .end }
                defer { buffer.removeAll() }
                return .line(String(decoding: buffer, as: UTF8.self)) // last line without a newline
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let (count, interrupted) = PromptInterrupt.catching {
                chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            }
            if count > 0 {
                buffer.append(contentsOf: chunk[..<count])
            } else if count < 0, errno == EINTR {
                if interrupted { return .interrupted } // another signal: just wait again
            } else {
                reachedEnd = true // end of input, or an error that ends it
            }
        }
    }
}
