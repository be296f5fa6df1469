import Foundation

/// Paths and file errors as a terminal user means and reads them.
enum UserPath {
    /// A path typed at the prompt: quotes around the whole path are dropped, then it is read like a
    /// path in the configuration (`~` is `$HOME`, relative paths start at the current directory).
    static func resolve(_ typed: String, environment: [String: String]) -> String {
        var path = typed.trimmingCharacters(in: .whitespaces)
        if path.count >= 2, let first = path.first, first == "\"" || first == "'", path.last == first {
            path = String(path.dropFirst().dropLast())
        }
        let resolved = StandardPaths(environment: environment).resolve(path, relativeTo: FileManager.default.currentDirectoryPath)
        return URL(fileURLWithPath: resolved).standardizedFileURL.path
    }

    /// One line instead of a Foundation error dump.
    static func describe(_ error: any Error) -> String {
        // Our own errors say what they mean; Foundation's need unpacking.
        if !(type(of: error) is NSError.Type) { return String(describing: error) }
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
