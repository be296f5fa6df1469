@testable import CouncilCLI
import FuzzSupport

/// The configuration reader (`ConfigFileReader`, then `ConfigValidator`) on a `.councilrc`'s text.
///
/// Invariants, each checked (a broken one traps):
/// - it never crashes or hangs, and memory stays bounded (YAML aliases cannot multiply a small file
///   into a huge request body);
/// - it either reads the file or throws a `ConfigError` naming this file and a line in it (never
///   another error, never line 0 or past the end).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let text = input.text
    let path = "/fuzz/.councilrc"
    let paths = StandardPaths(environment: ["HOME": "/fuzz-home"])
    var config = BuiltInConfig.config(paths: paths)
    var reader = ConfigFileReader(path: path, paths: paths)
    do {
        try reader.read(text, into: &config)
        try ConfigValidator(config: config).validate()
    } catch let error as ConfigError {
        if case .file(let file, let line) = error.source {
            // YAML ends a line at CR, LF, CRLF, NEL, LS and PS (CRLF counted twice: a bound, not a count;
            // scalars, since a CR and a later LF filtered out of the text make one Character; found by fuzzing).
            let lines = 1 + text.unicodeScalars.filter { [0x0A, 0x0D, 0x85, 0x2028, 0x2029].contains($0.value) }.count
            invariant(file == path, "an error names \(file), not the file read")
            invariant(line >= 1 && line <= lines + 1, "an error names line \(line) of a \(lines)-line file: \(error)")
        }
    } catch {
        invariant(false, "not a ConfigError: \(error)")
    }
    return 0
}
