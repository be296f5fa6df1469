import Foundation

/// Puts text on the clipboard: `wl-copy` under Wayland, `xclip` or `xsel` under X11 when installed,
/// else the terminal's own clipboard through an OSC 52 sequence (most terminals, and tmux with
/// `set-clipboard on`, honour it; over SSH it is the only way to reach the local clipboard).
struct Clipboard: Sendable {
    enum Method: Equatable, CustomStringConvertible {
        case program(String)
        case terminal

        var description: String {
            switch self {
            case .program(let name): name
            case .terminal: "the terminal (OSC 52)"
            }
        }
    }

    let environment: [String: String]

    init(environment: [String: String] = ProcessInfo.processInfo.environment) { self.environment = environment }

    /// The program to use, if one fits this session and is on `PATH`; nil means OSC 52.
    var program: [String]? {
        var candidates: [[String]] = []
        if !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty { candidates.append(["wl-copy"]) }
        if !(environment["DISPLAY"] ?? "").isEmpty {
            candidates += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
        }
        return candidates.first { executable($0[0]) != nil }
    }

    /// Copies `text`; `writeToTerminal` receives the OSC 52 sequence when no program fits.
    func copy(_ text: String, writeToTerminal: (String) -> Void) throws -> Method {
        if let program, let path = executable(program[0]) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = Array(program.dropFirst())
            process.environment = environment
            let input = Pipe()
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            input.fileHandleForWriting.write(Data(text.utf8))
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw CLIError.message("\(program[0]) exited with status \(process.terminationStatus)")
            }
            return .program(program[0])
        }
        writeToTerminal("\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}")
        return .terminal
    }

    private func executable(_ name: String) -> String? {
        for directory in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
