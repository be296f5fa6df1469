import Foundation

/// Where the sessions database lives by default: `$XDG_DATA_HOME/council/council.db`.
public enum StoreLocation {
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        // The XDG spec says to ignore a relative XDG_DATA_HOME.
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            dataHome = home + "/.local/share"
        }
        return dataHome + "/council/council.db"
    }
}
