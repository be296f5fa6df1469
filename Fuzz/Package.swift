// swift-tools-version: 5.4
// 5.4, not 6: from 5.5 on SwiftPM renames an executable's `main` (for testable executables) and links
// `main` to `<target>_main`, which a fuzz target, whose `main` is libFuzzer's, does not have.
import PackageDescription

/// libFuzzer targets for the parsers of outside bytes. A package of its own, so `make test` and CI
/// never build them: they only link with `-sanitize=fuzzer` (libFuzzer supplies `main`). Built by
/// `make fuzz` with `swift build --package-path Fuzz --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address
/// -Xswiftc -parse-as-library -Xswiftc -enable-testing` (the last for `@testable import` of internal types).
let fuzzTargets: [(name: String, dependency: String)] = [
    ("FuzzSSE", "CouncilCore"),
    ("FuzzChatCompletion", "CouncilCore"),
    ("FuzzRanking", "CouncilCore"),
    ("FuzzConfig", "CouncilCLI"),
    ("FuzzMarkdown", "CouncilCLI"),
    ("FuzzSanitizer", "CouncilCLI"),
]

let package = Package(
    name: "council-fuzz",
    dependencies: [.package(name: "council", path: "..")],
    targets: [.target(name: "FuzzSupport")] + fuzzTargets.map { target in
        .executableTarget(name: target.name, dependencies: ["FuzzSupport", .product(name: target.dependency, package: "council")])
    }
)
