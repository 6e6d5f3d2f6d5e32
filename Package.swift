// swift-tools-version:6.1
import PackageDescription

// Stages, data flowing one way: Records → Templates → Layout → Render → Pipeline → inkstream.
// C libraries sit behind system-library targets found with pkg-config; their pointers stay inside
// the Swift module that wraps them (Layout owns Pango, Render owns Cairo, libdeflate and hb-subset).
let package = Package(
    name: "Inkstream",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "inkstream", targets: ["inkstream"]),
        // The stages as a library, for the benchmark package in Benchmarks/.
        .library(name: "InkstreamKit", targets: ["Records", "Templates", "Layout", "Render", "Bundles", "Journal", "Channels", "Delivery", "Inbound", "Pipeline", "RunFolder"]),
        // Only the parsers of untrusted input, for the fuzz package in Fuzz/: a sanitized build of it need not
        // compile Layout, Render, GRDB or swift-crypto.
        .library(name: "InkstreamParsers", targets: ["Records", "Templates", "Inbound"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CCairo", pkgConfig: "cairo-ft", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPango", pkgConfig: "pangocairo pangoft2", providers: [.apt(["libpango1.0-dev"])]),
        // No pkg-config file ships with libhyphen-dev; the module map links -lhyphen.
        .systemLibrary(name: "CHyphen", providers: [.apt(["libhyphen-dev"])]),
        // libzint (no pkg-config file in Debian): QR, Data Matrix, PDF417, Aztec, USPS IMb, EAN/UPC, Code 39.
        .systemLibrary(name: "CZint", providers: [.apt(["libzint-dev"])]),
        .systemLibrary(name: "CRsvg", pkgConfig: "librsvg-2.0", providers: [.apt(["librsvg2-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CHarfBuzzSubset", pkgConfig: "harfbuzz-subset", providers: [.apt(["libharfbuzz-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CTLS", pkgConfig: "libssl", providers: [.apt(["libssl-dev"])]),

        // syncfs(2) needs _GNU_SOURCE, which Swift's Glibc module does not define.
        .target(name: "CFileSystem"),
        // glibc's mallopt/malloc_trim, to keep a long run's memory flat.
        .target(name: "CMemory"),

        // The on-disk contract of a run folder: paths, names of unfinished files, document file names.
        .target(name: "RunFolder", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // The one blocking primitive (a lock with waiting) and the one bounded queue.
        .target(name: "Coordination"),
        .target(name: "Records"),
        // CLDR plural rules from ICU (Debian libicu-dev), for t() with plural forms.
        .target(name: "CPluralRules", linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc")]),
        .target(name: "Templates", dependencies: ["Records", "CPluralRules", .product(name: "Yams", package: "Yams")]),
        .target(name: "Layout", dependencies: ["Templates", "CPango", "CHyphen", "CZint"]),
        .target(name: "Render", dependencies: ["Layout", "RunFolder", "CCairo", "CRsvg", "CDeflate", "CHarfBuzzSubset"]),
        .target(name: "Bundles", dependencies: ["CZstd", "COpenSSL", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Journal", dependencies: [
            .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "Inbound", dependencies: ["Records"], exclude: ["Dictionaries/LICENSES.md"]),
        .target(name: "Channels", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Delivery", dependencies: ["Coordination", "Journal", "RunFolder", "CTLS", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Pipeline", dependencies: [
            "Channels", "Coordination", "Inbound", "RunFolder", .product(name: "Yams", package: "Yams"),
            "Records", "Templates", "Layout", "Render", "Bundles", "Journal", "CFileSystem", "CMemory",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .executableTarget(name: "inkstream", dependencies: [
            "Pipeline", "Delivery", "Inbound", "RunFolder", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Drives the blocking primitives as the pipeline does; built in release by a test (see its main.swift).
        .executableTarget(name: "coordination-stress", dependencies: ["Coordination"]),
        // Times cairo's PDFWriter against DirectPDFWriter on the sample statements (release build).
        .executableTarget(name: "render-measure", dependencies: ["Records", "Templates", "Layout", "Render"]),
        .executableTarget(name: "compile-measure", dependencies: ["Templates"]),

        .testTarget(name: "RecordsTests", dependencies: ["Records"]),
        // The locale table's tests compare with ICU's C API (the toolchain's _FoundationICU, which Foundation
        // wraps on Linux); only the tests link it, the engine never calls ICU.
        .testTarget(name: "TemplatesTests", dependencies: ["Templates"],
                    linkerSettings: [.linkedLibrary("_FoundationICU", .when(platforms: [.linux]))]),
        .testTarget(name: "LayoutTests", dependencies: ["Layout", "Render"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "Layout", "Templates", "Records"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "RunFolder"]),
        .testTarget(name: "RunFolderTests", dependencies: ["RunFolder"]),
        .testTarget(name: "BundlesTests", dependencies: ["Bundles"]),
        .testTarget(name: "JournalTests", dependencies: ["Journal"]),
        .testTarget(name: "ChannelsTests", dependencies: ["Channels"]),
        .testTarget(name: "InboundTests", dependencies: ["Inbound", "Records"]),
        .testTarget(name: "DeliveryTests", dependencies: ["Delivery"]),
    ],
    swiftLanguageModes: [.v6]
)
