// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// The release binary carries the Swift runtime and Foundation inside it and exports no symbols: the
/// idle REPL then maps only the parts it uses (issue 15: 37 MB resident with the shared libraries, 31
/// without). The Foundation libraries are named because objects compiled against the shared runtime
/// do not ask for the static one's helpers.
let staticRuntime = ["-static-stdlib", "-Xlinker", "--no-export-dynamic", "-Xlinker", "--start-group"]
    + ["Foundation", "CoreFoundation", "FoundationEssentials", "FoundationInternationalization", "_FoundationICU",
       "_FoundationCShims", "_FoundationCollections", "swiftSynchronization", "swiftDispatch", "dispatch",
       "BlocksRuntime", "swiftCore", "FoundationNetworking", "_CFURLSessionInterface"].flatMap { ["-Xlinker", "-l\($0)"] }
    // FoundationNetworking (the MCP SDK's HTTP transport and OAuth, which council never calls) wraps the
    // system libcurl (Debian's libcurl4, which `make deps` installs); named by its soname, as Debian
    // installs no libcurl.so without the -dev package.
    + ["-Xlinker", "--end-group", "-Xlinker", "-lstdc++", "-Xlinker", "-l:libcurl.so.4"]
    + (PackedRelocations.available ? ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"] : [])

/// Relative relocations packed (DT_RELR): the loader then reads some 30 KB of them at start instead of
/// 3 MB (28.5 MB resident at the prompt instead of 31). Needs lld, which Swift's Linux toolchains
/// ship, and a C library from glibc 2.36 on (Debian 12, Ubuntu 24.04) to load the binary.
enum PackedRelocations {
    static var available: Bool { glibcVersion.lexicographicallyPrecedes([2, 36]) == false && hasLLD }

    static var glibcVersion: [Int] {
        var buffer = [CChar](repeating: 0, count: 64)
        guard confstr(Int32(_CS_GNU_LIBC_VERSION), &buffer, buffer.count) > 0 else { return [] }
        // "glibc 2.36"
        return String(cString: buffer).split(separator: " ").last?.split(separator: ".").compactMap { Int($0) } ?? []
    }

    static var hasLLD: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/ld.lld") }
    }
}

let package = Package(
    name: "council",
    // Linux only: the line editor and the signal handling import Glibc, so no other platform is claimed.
    products: [
        .executable(name: "council", targets: ["council"]),
        // For the fuzz targets in Fuzz/, a package of their own that depends on this one by path.
        .library(name: "CouncilCore", targets: ["CouncilCore"]),
        .library(name: "CouncilCLI", targets: ["CouncilCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Already under async-http-client; named for the scripted server's HTTPS mode (benchmarks),
        // whose certificate is made at run time so no key is kept in the repository.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        // `council serve`: the OpenAI-compatible endpoint (NIO underneath, like the client).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already under hummingbird; named for the stop deadline of `council serve`.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Already under hummingbird; named for a header field hummingbird does not declare (x-should-retry).
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // `council mcp`: the official Model Context Protocol SDK (stdio transport, tools, progress).
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        // The file descriptors the tests hand the MCP client (already under the SDK).
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        // Property tests: the invariants of the parsers of outside bytes on generated input (Fuzz/ fuzzes them).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // The engine: no terminal, no files.
        .target(
            name: "CouncilCore",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The demo council: simulated models behind the ChatProvider protocol, a provider like any other.
        .target(name: "CouncilDemo", dependencies: ["CouncilCore"]),
        // A scripted OpenAI-compatible server on 127.0.0.1 and a clock that moves when told, for tests and benchmarks.
        .target(
            name: "CouncilTestSupport",
            dependencies: [
                "CouncilCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(
            name: "CouncilStore",
            dependencies: [
                "CouncilCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SHA-256 names an attachment's content, stored once however often it is attached.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "CouncilCLI",
            dependencies: [
                "CouncilCore",
                "CouncilDemo",
                "CouncilStore",
                "CEditLine",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `council serve`: the council behind an OpenAI-compatible HTTP endpoint.
        .target(
            name: "CouncilServe",
            dependencies: ["CouncilCLI", "CouncilCore", .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "Logging", package: "swift-log"), .product(name: "MCP", package: "swift-sdk"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                           .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                           .product(name: "HTTPTypes", package: "swift-http-types")]
        ),
        .executableTarget(
            name: "council",
            dependencies: [
                "CouncilCLI", "CouncilServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [.unsafeFlags(staticRuntime, .when(configuration: .release))]
        ),
        .executableTarget(
            name: "CouncilBench",
            dependencies: ["CouncilCore", "CouncilStore", "CouncilTestSupport", "CouncilCLI",
                           .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "NIOSSL", package: "swift-nio-ssl")]
        ),
        .testTarget(name: "CouncilCoreTests", dependencies: ["CouncilCore", "CouncilTestSupport",
                                                     .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "CouncilCLITests", dependencies: ["CouncilCLI", "CouncilDemo", "CouncilStore", "CouncilTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                                                    .product(name: "AsyncHTTPClient", package: "async-http-client"),
                                                    .product(name: "NIOHTTP1", package: "swift-nio"),
                                                    .product(name: "MCP", package: "swift-sdk"),
                                                    .product(name: "SystemPackage", package: "swift-system"),
                                                    .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "CouncilDemoTests", dependencies: ["CouncilDemo", "CouncilCore", "CouncilTestSupport"]),
        .testTarget(name: "CouncilStoreTests", dependencies: ["CouncilStore", "CouncilCore", "CouncilTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
