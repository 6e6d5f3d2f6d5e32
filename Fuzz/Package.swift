// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for the three parsers of untrusted input (JSON Lines records bound to a template, the
// template compiler, the X12 reader), kept in a package of their own so the main build and `swift test`
// never see the fuzzer or sanitizer flags. Build and run them with `scripts/fuzz` (see docs/fuzzing.md).
let package = Package(
    name: "InkstreamFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named, so the product reference below does not depend on the checkout folder's name.
        .package(name: "Inkstream", path: ".."),
    ],
    targets: [
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
        .executableTarget(name: "fuzz-jsonlines", dependencies: [
            "FuzzSupport", .product(name: "InkstreamParsers", package: "Inkstream"),
        ], path: "Sources/fuzz-jsonlines"),
        .executableTarget(name: "fuzz-template", dependencies: [
            "FuzzSupport", .product(name: "InkstreamParsers", package: "Inkstream"),
        ], path: "Sources/fuzz-template"),
        .executableTarget(name: "fuzz-x12", dependencies: [
            "FuzzSupport", .product(name: "InkstreamParsers", package: "Inkstream"),
        ], path: "Sources/fuzz-x12"),
    ],
    swiftLanguageModes: [.v6]
)
