import CouncilCore
import Foundation

/// Why something cannot be attached; `description` is the one line the user gets, naming what and why.
public struct AttachmentProblem: Error, Equatable, CustomStringConvertible {
    public let name: String
    public let reason: String

    public var description: String { "\(name): \(reason) — nothing was asked" }
}

/// Reads what the user attaches: a file (text, or a PNG, JPEG, GIF or WebP image), piped input, or a
/// command's output. Never more than `limit` bytes are read: a larger file or endless piped input is
/// refused, not cut. A directory, a device, a FIFO and a socket are refused as files.
struct AttachmentLoader {
    let limit: Int
    var environment = ProcessInfo.processInfo.environment

    /// The file at `typed` (a path as the user wrote it, `~` allowed), named as typed.
    func file(_ typed: String) throws(AttachmentProblem) -> Attachment {
        let path = UserPath.resolve(typed, environment: environment)
        var status = stat()
        guard stat(path, &status) == 0 else { throw AttachmentProblem(name: typed, reason: String(cString: strerror(errno))) }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: throw AttachmentProblem(name: typed, reason: "is a directory — attach its files one by one")
        case S_IFREG: break
        // A device or a pipe may never end (/dev/zero, a FIFO nobody closes): its output can come on stdin.
        default: throw AttachmentProblem(name: typed, reason: "is not a regular file (a device, pipe or socket) — pipe it on stdin instead")
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw AttachmentProblem(name: typed, reason: String(cString: strerror(errno))) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        return try attachment(named: typed, from: handle)
    }

    /// Everything piped on stdin.
    func standardInput(named name: String = "stdin") throws(AttachmentProblem) -> Attachment {
        try attachment(named: name, from: FileHandle.standardInput)
    }

    /// What `command` writes (stdout and stderr, as a terminal shows them), run by `/bin/sh`.
    func commandOutput(_ command: String) throws(AttachmentProblem) -> (attachment: Attachment, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // A group, so stderr of every command in it joins stdout, as a terminal shows them.
        process.arguments = ["-c", "{ \(command)\n} 2>&1"]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw AttachmentProblem(name: "$ " + command, reason: UserPath.describe(error)) }
        defer { if process.isRunning { process.terminate() }; process.waitUntilExit() }
        let attachment = try attachment(named: "$ " + command, from: output.fileHandleForReading)
        process.waitUntilExit()
        return (attachment, process.terminationStatus)
    }

    /// Reads at most `limit` + 1 bytes: one more says it is too large, without reading it all.
    private func attachment(named name: String, from handle: FileHandle) throws(AttachmentProblem) -> Attachment {
        var data = Data()
        while data.count <= limit {
            let chunk: Data
            do { chunk = try handle.read(upToCount: min(64 * 1024, limit + 1 - data.count)) ?? Data() } catch {
                throw AttachmentProblem(name: name, reason: UserPath.describe(error))
            }
            if chunk.isEmpty { break }
            data.append(chunk)
        }
        guard data.count <= limit else {
            throw AttachmentProblem(name: name, reason: "more than max_attachment_bytes (\(ByteText.size(limit)), \(limit) bytes) — "
                                    + "raise it with --max-attachment-bytes or attach a part")
        }
        if let type = ImageType.sniff(data) { return Attachment(name: name, content: .image(mediaType: type, data: data)) }
        guard !data.contains(0), let text = String(data: data, encoding: .utf8) else {
            throw AttachmentProblem(name: name, reason: "is a binary file, not text or a PNG, JPEG, GIF or WebP image")
        }
        return Attachment(name: name, content: .text(text))
    }
}

/// The image formats models take, told by their first bytes.
public enum ImageType {
    public static func sniff(_ data: Data) -> String? {
        let head = [UInt8](data.prefix(12))
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) { return "image/gif" }
        if head.count == 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) { return "image/webp" }
        return nil
    }
}

/// `12.3 KB`, `1.5 MB`: sizes as people read them.
enum ByteText {
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return String(format: "%.1f KB", Double(bytes) / 1024) }
        return String(format: "%.1f MB", Double(bytes) / 1024 / 1024)
    }

    /// `notes.md (12.3 KB, ~3,100 tokens)`.
    static func describe(_ attachment: Attachment) -> String {
        "\(attachment.name) (\(size(attachment.byteCount)), ~\(attachment.estimatedTokens.formatted()) tokens"
            + (attachment.isImage ? ", an image" : "") + ")"
    }
}
