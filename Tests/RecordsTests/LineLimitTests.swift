import Foundation
import XCTest
@testable import Records

/// `maxLineBytes`: an over-long line comes back cut, with its whole length, and the lines after it keep
/// their numbers and byte offsets, whatever the buffer size.
final class LineLimitTests: XCTestCase {
    private var path = ""

    override func setUpWithError() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("line-limit-\(UUID().uuidString).jsonl").path
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: path) }

    private func lines(_ contents: String, limit: Int, bufferSize: Int) throws -> [RawLine] {
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        let reader = try JSONLinesReader(path: path, bufferSize: bufferSize)
        reader.maxLineBytes = limit
        var lines: [RawLine] = []
        while let line = try reader.nextLine() { lines.append(line) }
        return lines
    }

    func testOverlongLinesAreCutAndTheRestKeepTheirProvenance() throws {
        let long = "{\"a\":\"" + String(repeating: "x", count: 5_000) + "\"}"
        let contents = "{\"n\":1}\n" + long + "\r\n{\"n\":2}\n\n" + long + "\n{\"n\":3}\n" + long
        let offsets = [0, 8, 8 + long.utf8.count + 2, 8 + long.utf8.count + 2 + 8 + 1,
                       8 + long.utf8.count + 2 + 8 + 1 + long.utf8.count + 1, 8 + long.utf8.count + 2 + 8 + 1 + long.utf8.count + 1 + 8]
        for size in [1, 3, 7, 64, 100, 4096, 1 << 20] {
            let read = try lines(contents, limit: 100, bufferSize: size)
            XCTAssertEqual(read.map(\.provenance.line), [1, 2, 3, 5, 6, 7], "buffer \(size)")
            XCTAssertEqual(read.map(\.provenance.byteOffset), offsets, "buffer \(size)")
            XCTAssertEqual(read.map(\.length), [7, long.utf8.count, 7, long.utf8.count, 7, long.utf8.count], "buffer \(size)")
            // Cut when the line does not fit the buffer; a line already read whole with its newline is handed out
            // whole (the last one has none, so it is cut before the end of the file is seen).
            let cut = size < long.utf8.count ? 101 : long.utf8.count
            XCTAssertEqual(read.map(\.bytes.count), [7, cut, 7, cut, 7, 101], "buffer \(size)")
            XCTAssertEqual(String(decoding: read[4].bytes, as: UTF8.self), "{\"n\":3}")
        }
    }

    func testWithoutALimitLinesAreWhole() throws {
        let long = String(repeating: "y", count: 3_000)
        let read = try lines("\(long)\n{}\n", limit: .max, bufferSize: 16)
        XCTAssertEqual(read.map(\.bytes.count), [3_000, 2])
        XCTAssertEqual(read.map(\.length), [3_000, 2])
    }
}
