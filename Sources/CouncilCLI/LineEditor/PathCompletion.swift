import Foundation

/// Files and directories that complete a typed path: its directory's entries that start with what
/// follows the last `/`, a directory with `/` after it; hidden ones only when a `.` is typed.
enum PathCompletion {
    static func candidates(_ typed: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        let slash = typed.lastIndex(of: "/")
        let directory = slash.map { String(typed[...$0]) } ?? ""
        let prefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        let listed = directory.isEmpty ? "." : UserPath.resolve(directory, environment: environment)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: listed) else { return [] }
        return entries.filter { $0.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().map { entry in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: (listed as NSString).appendingPathComponent(entry), isDirectory: &isDirectory)
            return directory + entry + (isDirectory.boolValue ? "/" : "")
        }
    }
}
