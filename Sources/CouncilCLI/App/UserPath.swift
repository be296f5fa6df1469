import Foundation

/// Paths and file errors as a terminal user means and reads them.
enum UserPath {
    /// `~` is `$HOME` (as in the shell), quotes around the whole path are dropped, relative paths
    /// are taken from the current directory.
    static func resolve(_ typed: String, environment: [String: String]) -> String {
        var path = typed.trimmingCharacters(in: .whitespaces)
        if path.count >= 2, let first = path.first, first == "\"" || first == "'", path.last == first {
            path = String(path.dropFirst().dropLast())
        }
        if path == "~" || path.hasPrefix("~/"), let home = environment["HOME"] ?? ProcessInfo.processInfo.environment["HOME"] {
            path = home + path.dropFirst()
        }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// One line instead of a Foundation error dump.
    static func describe(_ error: any Error) -> String {
        let error = error as NSError
        if error.domain == NSCocoaErrorDomain {
            let path = (error.userInfo[NSFilePathErrorKey] as? String) ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
            let reason = (error.userInfo[NSUnderlyingErrorKey] as? NSError).map { String(cString: strerror(Int32($0.code))) }
                ?? error.localizedDescription
            return [path, reason].compactMap { $0 }.joined(separator: ": ")
        }
        return "\(error.localizedDescription)"
    }
}
