// swift-tools-version:6.0
import PackageDescription

/// Settings every Swift target shares. The tools version selects the Swift 6
/// language mode, which checks concurrency completely.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Expanse",
    products: [
        .executable(name: "expanse-train", targets: ["expanse-train"]),
        .executable(name: "expanse-serve", targets: ["expanse-serve"]),
        .executable(name: "expanse-http-echo", targets: ["expanse-http-echo"]),
    ],
    targets: [
        // System libraries, found through the module maps in each folder.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL"),
        .systemLibrary(name: "CLinuxEvents", path: "Sources/CLinuxEvents"),

        // Libraries, bottom to top.
        .target(name: "ExpanseLog", swiftSettings: swiftSettings),
        .target(name: "ExpanseCommandLine", swiftSettings: swiftSettings),
        .target(name: "ExpanseCompression", dependencies: ["CZlib"], swiftSettings: swiftSettings),
        .target(name: "ExpanseCore", dependencies: ["CBLAS", "COpenSSL"], swiftSettings: swiftSettings),
        .target(
            name: "ExpanseTraining",
            dependencies: ["ExpanseCore", "ExpanseCompression"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ExpanseHTTP",
            dependencies: ["ExpanseLog", "ExpanseCompression", "COpenSSL", "CLinuxEvents"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ExpanseService",
            dependencies: ["ExpanseHTTP", "ExpanseCore", "ExpanseLog"],
            // The files in Resources are compiled in through the sources that
            // scripts/embed-resources generates, because SwiftPM's resource
            // bundles would link Foundation into expanse-serve.
            exclude: ["Resources"],
            swiftSettings: swiftSettings
        ),

        // Executables: argument parsing, wiring and progress only.
        .executableTarget(
            name: "expanse-train",
            dependencies: ["ExpanseTraining", "ExpanseCore", "ExpanseCommandLine"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "expanse-serve",
            dependencies: ["ExpanseService", "ExpanseHTTP", "ExpanseLog", "ExpanseCommandLine"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "expanse-http-echo",
            dependencies: ["ExpanseHTTP", "ExpanseLog"],
            swiftSettings: swiftSettings
        ),

        // One test target per library.
        .testTarget(name: "ExpanseCommandLineTests", dependencies: ["ExpanseCommandLine"], swiftSettings: swiftSettings),
        .testTarget(name: "ExpanseCompressionTests", dependencies: ["ExpanseCompression"], swiftSettings: swiftSettings),
        .testTarget(name: "ExpanseCoreTests", dependencies: ["ExpanseCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ExpanseTrainingTests",
            dependencies: ["ExpanseTraining", "ExpanseCore", "ExpanseCompression"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ExpanseLogTests", dependencies: ["ExpanseLog"], swiftSettings: swiftSettings),
        .testTarget(name: "ExpanseTrainCLITests", dependencies: ["ExpanseCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ExpanseHTTPTests",
            dependencies: ["ExpanseHTTP", "ExpanseLog", "ExpanseCompression", "COpenSSL"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ExpanseServiceTests",
            dependencies: ["ExpanseService", "ExpanseHTTP", "ExpanseCore", "ExpanseLog", "ExpanseCompression"],
            swiftSettings: swiftSettings
        ),
    ]
)
