// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "council",
    // Linux only: the line editor and the signal handling import Glibc, so no other platform is claimed.
    products: [
        .executable(name: "council", targets: ["council"]),
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
        .executableTarget(
            name: "council",
            dependencies: [
                "CouncilCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "CouncilBench",
            dependencies: ["CouncilCore", "CouncilStore", "CouncilCLI", "CouncilTestSupport",
                           .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "NIOSSL", package: "swift-nio-ssl")]
        ),
        .testTarget(name: "CouncilCoreTests", dependencies: ["CouncilCore", "CouncilTestSupport"]),
        .testTarget(name: "CouncilCLITests", dependencies: ["CouncilCLI", "CouncilDemo", "CouncilStore", "CouncilTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "CouncilDemoTests", dependencies: ["CouncilDemo", "CouncilCore"]),
        .testTarget(name: "CouncilStoreTests", dependencies: ["CouncilStore", "CouncilCore", "CouncilTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
