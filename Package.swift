// swift-tools-version:6.1
import PackageDescription

// Stages, data flowing one way: Records → Templates → Layout → Render → Pipeline → inkstream.
// C libraries sit behind system-library targets found with pkg-config; their pointers stay inside
// the Swift module that wraps them (Layout owns Pango, Render owns Cairo).
let package = Package(
    name: "Inkstream",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "inkstream", targets: ["inkstream"]),
        // The stages as a library, for the benchmark package in Benchmarks/.
        .library(name: "InkstreamKit", targets: ["Records", "Templates", "Layout", "Render", "Pipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CCairo", pkgConfig: "cairo-ft", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPango", pkgConfig: "pangocairo pangoft2", providers: [.apt(["libpango1.0-dev"])]),
        .systemLibrary(name: "CRsvg", pkgConfig: "librsvg-2.0", providers: [.apt(["librsvg2-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),

        .target(name: "Records"),
        .target(name: "Templates", dependencies: ["Records", .product(name: "Yams", package: "Yams")]),
        .target(name: "Layout", dependencies: ["Templates", "CPango"]),
        .target(name: "Render", dependencies: ["Layout", "CCairo", "CRsvg"]),
        .target(name: "Pipeline", dependencies: ["Records", "Templates", "Layout", "Render"]),
        .executableTarget(name: "inkstream", dependencies: [
            "Pipeline", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "RecordsTests", dependencies: ["Records"]),
        .testTarget(name: "TemplatesTests", dependencies: ["Templates"]),
        .testTarget(name: "LayoutTests", dependencies: ["Layout", "Render"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline"]),
    ],
    swiftLanguageModes: [.v6]
)
