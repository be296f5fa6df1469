import Foundation
import Synchronization

/// A server run as a child process (`council serve`, a peer's server): started with its own home,
/// ready once it prints its address, measured through /proc, stopped with SIGTERM.
final class ServerProcess: Sendable {
    let process: Process
    /// The base URL it printed.
    let address: String
    private let printed: Printed

    var pid: Int32 { process.processIdentifier }
    var output: String { printed.text.withLock { $0 } }

    /// What the process has printed so far, filled by a reading thread.
    private final class Printed: Sendable {
        let text = Mutex("")
    }

    /// Starts `executable` and waits until stdout or stderr shows a URL matching `addressPattern`.
    init(executable: String, arguments: [String], environment: [String: String], addressPattern: String,
         currentDirectory: URL? = nil, readyWithin: Duration = .seconds(60)) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let printed = Printed()
        // Read on a thread of its own: a blocking read on the concurrency pool would starve the
        // in-process scripted server.
        Thread {
            while case let data = pipe.fileHandleForReading.availableData, !data.isEmpty {
                printed.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
            }
        }.start()
        let deadline = ContinuousClock.now + readyWithin
        var found: String?
        while found == nil, ContinuousClock.now < deadline, process.isRunning {
            try await Task.sleep(for: .milliseconds(20))
            found = printed.text.withLock { text in text.range(of: addressPattern, options: .regularExpression).map { String(text[$0]) } }
        }
        guard let found else {
            if process.isRunning { process.terminate() }
            throw BenchError.unexpected("\(executable) printed no address: \(printed.text.withLock { $0 })")
        }
        self.process = process
        self.printed = printed
        address = found
    }

    /// A `kB` field of /proc/PID/status (VmRSS, VmHWM), in MiB.
    func memory(_ field: String) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return .nan }
        return IdleMemoryScenarios.megabytes(status, field)
    }

    /// Open file descriptors: the entries of /proc/PID/fd.
    var openFiles: Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? -1
    }

    /// User and system CPU time so far, from /proc/PID/stat (in clock ticks of 10 ms).
    var cpuMilliseconds: Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return .nan }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command: state is field 3, utime 14 and stime 15.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return .nan }
        return (user + system) * 1000 / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// SIGTERM, then SIGKILL if it has not gone within `grace`.
    func stop(grace: Duration = .seconds(10)) async {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = ContinuousClock.now + grace
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    /// A TCP port nothing listens on now (for a server that cannot be told to pick one).
    static func freePort() -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 ? getsockname(socket, $0, &length) : -1 }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
