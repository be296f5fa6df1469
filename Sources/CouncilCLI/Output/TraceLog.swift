import Foundation
import Logging
import Synchronization

/// The trace log (`COUNCIL_LOG=debug`): each request's provider, model, status and timings,
/// appended to a private file so it never disturbs the live board. Keys never reach it: the client
/// logs no headers, and error texts are redacted before they are logged.
public enum TraceLog {
    public enum Level: String, Sendable, CaseIterable {
        case off, warning, info, debug

        var swiftLog: Logger.Level? {
            switch self {
            case .off: nil
            case .warning: .warning
            case .info: .info
            case .debug: .debug
            }
        }
    }

    /// A logger writing to `path` at `level`; the silent one for `off` or a file that cannot be opened.
    static func logger(level: Level, path: String) -> Logger {
        guard let threshold = level.swiftLog, let file = LogFile(path: path) else { return .silent }
        var logger = Logger(label: "council") { _ in FileLogHandler(file: file) }
        logger.logLevel = threshold
        return logger
    }
}

extension ValueParser where Value == TraceLog.Level {
    static let logLevel = ValueParser(expected: "one of " + TraceLog.Level.allCases.map(\.rawValue).joined(separator: ", "),
                                      choices: TraceLog.Level.allCases.map(\.rawValue)) { TraceLog.Level(rawValue: $0.lowercased()) }
}

/// An append-only log file, created private (prompts' metadata can be private too).
final class LogFile: Sendable {
    private let handle: Mutex<FileHandle>

    init?(path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        handle = Mutex(FileHandle(fileDescriptor: descriptor, closeOnDealloc: true))
    }

    func append(_ line: String) {
        handle.withLock { try? $0.write(contentsOf: Data((line + "\n").utf8)) }
    }
}

/// One line per entry: time, level, message, then `key=value` metadata in a stable order.
struct FileLogHandler: LogHandler {
    let file: LogFile
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let time = Date().formatted(.iso8601)
        file.append("\(time) \(event.level) \(event.message)" + (fields.isEmpty ? "" : " " + fields))
    }
}
