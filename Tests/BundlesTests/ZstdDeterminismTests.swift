import Foundation
import XCTest
@testable import Bundles

/// Bundles are compressed on every core; their bytes must not depend on how many cores there are.
final class ZstdDeterminismTests: XCTestCase {
    private func compress(_ bytes: [UInt8], workers: Int, to path: String) throws -> [UInt8] {
        let file = try AtomicFile(path: path)
        let writer = try ZstdWriter(output: file, workers: workers)
        // Written in uneven slices, as the tar writer does.
        var offset = 0
        var slice = 1
        while offset < bytes.count {
            let end = min(bytes.count, offset + slice)
            try bytes[offset..<end].withUnsafeBytes { try writer.write($0) }
            offset = end
            slice = slice * 3 + 7
        }
        _ = try writer.finish()
        try file.finishWriting()
        try file.commit()
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func testOutputIsTheSameForAnyWorkerCount() throws {
        // 6 MB of text-like bytes with repeats: several zstd jobs, so the workers really split the work.
        var generator = SystemRandomNumberGenerator()
        let words = (0..<500).map { _ in (0..<Int.random(in: 3...9, using: &generator)).map { _ in UInt8.random(in: 97...122, using: &generator) } }
        var bytes: [UInt8] = []
        while bytes.count < 6_000_000 { bytes += words[Int.random(in: 0..<words.count, using: &generator)] + [32] }
        let directory = NSTemporaryDirectory() + "zstd-det-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let one = try compress(bytes, workers: 1, to: directory + "/1.zst")
        for workers in [2, 3, 8] {
            XCTAssertEqual(try compress(bytes, workers: workers, to: directory + "/\(workers).zst"), one, "\(workers) workers")
        }
    }
}
