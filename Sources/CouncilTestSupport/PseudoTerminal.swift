import Foundation
import Synchronization

/// Runs a program on a real pseudo-terminal (through util-linux `script`, which makes the terminal the
/// program's controlling terminal, so Ctrl-C reaches it as SIGINT) and lets a test type and read.
public final class PseudoTerminal: Sendable {
    private let process: Process
    private let input: FileHandle
    private let output = Mutex<String>("")

    /// How often the waits look again: coarse for tests, fine for a benchmark that times a start-up
    /// shorter than 20 ms.
    private let pollInterval: Duration

    public init(command: [String], environment: [String: String], columns: Int = 100, rows: Int = 40,
                pollInterval: Duration = .milliseconds(20)) throws {
        self.pollInterval = pollInterval
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        // Size the terminal, then run the program; `script` forwards our pipe to the terminal and back.
        process.arguments = ["-qfec", "stty cols \(columns) rows \(rows) 2>/dev/null; exec \(quoted)", "/dev/null"]
        process.environment = environment
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        self.process = process
        self.input = stdin.fileHandleForWriting
        stdout.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard !data.isEmpty else { return }
            self?.output.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    /// Everything the program wrote so far, escape sequences included.
    public var transcript: String { output.withLock { $0 } }

    public func send(_ text: String) {
        input.write(Data(text.utf8))
    }

    public static let upArrow = "\u{1B}[A"
    public static let controlC = "\u{03}"
    public static let controlD = "\u{04}"

    /// Waits until the output after `offset` contains `text`; returns the offset after it, or nil on timeout.
    @discardableResult
    public func waitFor(_ text: String, after offset: String.Index? = nil, timeout: Duration = .seconds(20)) async -> String.Index? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let current = transcript
            let start = offset.map { min($0, current.endIndex) } ?? current.startIndex
            if let range = current[start...].range(of: text) { return range.upperBound }
            try? await Task.sleep(for: pollInterval)
        }
        return nil
    }

    /// The program's exit status, waiting up to `timeout`; nil if it is still running.
    public func waitForExit(timeout: Duration = .seconds(10)) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: pollInterval) }
        return process.isRunning ? nil : process.terminationStatus
    }

    public var isRunning: Bool { process.isRunning }

    /// The program's own process id (`script`'s child), for reading its /proc entries; nil once gone.
    public var programIdentifier: Int32? {
        let parent = process.processIdentifier
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).first { pid in
            // /proc/PID/stat: "pid (name) state ppid …"; the name may hold spaces, so read after the last ')'.
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == parent
        }
    }

    /// Ends the program: Ctrl-D first, as a user would; then the terminal goes away.
    public func terminate() {
        guard process.isRunning else { return }
        send(Self.controlD)
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
    }
}
