// swift-tools-version:6.1
import PackageDescription

// Stage benchmarks (ordo-one/benchmark), kept in a package of their own so the main build and CI do not
// compile the benchmark machinery. Run from this folder: `swift package benchmark`.
let package = Package(
    name: "InkstreamBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "StageBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "InkstreamKit", package: "main"),
            ],
            path: "Benchmarks/StageBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
