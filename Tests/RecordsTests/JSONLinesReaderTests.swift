import Foundation
import XCTest
@testable import Records

/// The JSON Lines reader on real temporary files.
final class JSONLinesReaderTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("records-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(atPath: directory)
    }

    private func write(_ contents: [UInt8], name: String = "input.jsonl") throws -> String {
        let path = directory + "/" + name
        try Data(contents).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func write(_ contents: String, name: String = "input.jsonl") throws -> String {
        try write(Array(contents.utf8), name: name)
    }

    private func readAll(_ path: String, bufferSize: Int = 1 << 20) throws -> [RecordResult] {
        let reader = try JSONLinesReader(path: path, bufferSize: bufferSize)
        var results: [RecordResult] = []
        while let result = try reader.next() { results.append(result) }
        XCTAssertNil(try reader.next(), "stays at end of file")
        return results
    }

    /// Reads with several buffer sizes, including ones smaller than a line, and checks they all agree.
    private func readAllSizes(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> [RecordResult] {
        let reference = try readAll(path)
        for size in [1, 2, 3, 5, 16, 64] {
            XCTAssertEqual(try readAll(path, bufferSize: size), reference, "buffer size \(size)", file: file, line: line)
        }
        return reference
    }

    private func record(_ json: String, _ path: String, line: Int, offset: Int) throws -> RecordResult {
        .record(try JSONParser.parse(json), Provenance(file: path, line: line, byteOffset: offset))
    }

    func testRecordsWithBlankAndWhitespaceLines() throws {
        let path = try write("{\"a\":1}\n\n   \n\t \n{\"a\":2}\n")
        XCTAssertEqual(try readAllSizes(path), [
            try record(#"{"a":1}"#, path, line: 1, offset: 0),
            try record(#"{"a":2}"#, path, line: 5, offset: 16),
        ])
    }

    func testCRLFAndNoFinalNewline() throws {
        let path = try write("{\"a\":1}\r\n{\"a\":2}\r\n\r\n{\"a\":3}")
        XCTAssertEqual(try readAllSizes(path), [
            try record(#"{"a":1}"#, path, line: 1, offset: 0),
            try record(#"{"a":2}"#, path, line: 2, offset: 9),
            try record(#"{"a":3}"#, path, line: 4, offset: 20),
        ])
    }

    /// A resumed run reopens its input after the last line it committed: what follows must be exactly
    /// what a full read gives after that line, with the same line numbers and offsets.
    func testContinuingAfterAnyLineMatchesAFullRead() throws {
        let path = try write([0xEF, 0xBB, 0xBF] + Array("{\"a\":1}\r\n\n{\"a\":2}\n  \nnot json\n{\"a\":3}".utf8))
        let all = try readAll(path)
        XCTAssertEqual(all.count, 4)
        for (i, result) in all.enumerated() {
            let provenance = result.provenance
            let reader = try JSONLinesReader(path: path, continuingAfterLineAt: provenance.byteOffset, line: provenance.line)
            var rest: [RecordResult] = []
            while let next = try reader.next() { rest.append(next) }
            XCTAssertEqual(rest, Array(all[(i + 1)...]), "after line \(provenance.line)")
        }
    }

    func testFinalCarriageReturnWithoutNewline() throws {
        let path = try write("{\"a\":1}\r")
        XCTAssertEqual(try readAllSizes(path), [try record(#"{"a":1}"#, path, line: 1, offset: 0)])
    }

    func testMalformedLinesDoNotStopReading() throws {
        let path = try write("{\"a\":1}\n{\"a\":\n[1,2]\n42\n\"s\"\nnull\n{\"a\":4}  \n")
        let results = try readAllSizes(path)
        XCTAssertEqual(results, [
            try record(#"{"a":1}"#, path, line: 1, offset: 0),
            .malformed(Provenance(file: path, line: 2, byteOffset: 8),
                       reason: "invalid JSON: unexpected end of input at column 6; expected a value"),
            .malformed(Provenance(file: path, line: 3, byteOffset: 14), reason: "expected a JSON object, found an array"),
            .malformed(Provenance(file: path, line: 4, byteOffset: 20), reason: "expected a JSON object, found a number"),
            .malformed(Provenance(file: path, line: 5, byteOffset: 23), reason: "expected a JSON object, found a string"),
            .malformed(Provenance(file: path, line: 6, byteOffset: 27), reason: "expected a JSON object, found null"),
            try record(#"{"a":4}"#, path, line: 7, offset: 32),
        ])
        XCTAssertEqual(results.map(\.provenance.description), (1 ... 7).map { "\(path):\($0)" })
    }

    func testLinesLongerThanTheBuffer() throws {
        let long = "{\"text\":\"" + String(repeating: "x", count: 300) + "\",\"n\":[1,2,3]}"
        let longer = "{\"text\":\"" + String(repeating: "é", count: 500) + "\"}"
        let contents = "{\"a\":1}\n" + long + "\n\n" + longer + "\n{\"a\":2}"
        let path = try write(contents)
        let expected = [
            try record(#"{"a":1}"#, path, line: 1, offset: 0),
            try record(long, path, line: 2, offset: 8),
            try record(longer, path, line: 4, offset: 8 + long.utf8.count + 2),
            try record(#"{"a":2}"#, path, line: 5, offset: 8 + long.utf8.count + 2 + longer.utf8.count + 1),
        ]
        XCTAssertEqual(try readAll(path, bufferSize: 16), expected)
        XCTAssertEqual(try readAllSizes(path), expected)
    }

    func testByteOrderMarkIsSkipped() throws {
        let path = try write([0xEF, 0xBB, 0xBF] + Array("{\"a\":1}\n{\"b\":2}\n".utf8))
        XCTAssertEqual(try readAllSizes(path), [
            try record(#"{"a":1}"#, path, line: 1, offset: 3),
            try record(#"{"b":2}"#, path, line: 2, offset: 11),
        ])
    }

    func testByteOrderMarkOnlyCountsAtTheStart() throws {
        let path = try write(Array("{\"a\":1}\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("{\"b\":2}\n".utf8))
        let results = try readAllSizes(path)
        XCTAssertEqual(results.count, 2)
        XCTAssertEqual(results.last, .malformed(Provenance(file: path, line: 2, byteOffset: 8),
                                                reason: "invalid JSON: unexpected character '\u{FEFF}' at column 1; expected a value"))
    }

    func testEmptyAndBlankFiles() throws {
        XCTAssertEqual(try readAllSizes(try write("", name: "empty.jsonl")), [])
        XCTAssertEqual(try readAllSizes(try write("\n \r\n\t\n", name: "blank.jsonl")), [])
    }

    func testMissingFile() {
        let path = directory + "/missing.jsonl"
        XCTAssertThrowsError(try JSONLinesReader(path: path)) { error in
            XCTAssertEqual(error as? RecordsError, .cannotOpen(path: path, reason: "No such file or directory"))
            XCTAssertEqual("\(error)", "cannot open \(path): No such file or directory")
        }
    }

    func testDirectoryIsRejected() {
        XCTAssertThrowsError(try JSONLinesReader(path: directory)) { error in
            XCTAssertEqual("\(error)", "cannot open \(directory): Is a directory")
        }
    }

    func testProvenanceKeepsThePathAsGiven() throws {
        _ = try write("{\"a\":1}\n")
        let spelled = directory + "/./input.jsonl"
        XCTAssertEqual(try readAll(spelled).first?.provenance.file, spelled)
    }

    func testSizeAndProgress() throws {
        let contents = "{\"a\":1}\n{\"a\":2}\n"
        let reader = try JSONLinesReader(path: try write(contents), bufferSize: 4)
        XCTAssertEqual(reader.fileSize, contents.utf8.count)
        XCTAssertEqual(reader.bytesRead, 0)
        _ = try reader.next()
        XCTAssertGreaterThanOrEqual(reader.bytesRead, 8)
        while try reader.next() != nil {}
        XCTAssertEqual(reader.bytesRead, contents.utf8.count)
    }

    func testRawLinesParsedElsewhereMatchNext() throws {
        let path = try write("{\"a\":1}\n\n[2]\n{\"b\":\"é\"}\r\n")
        let reader = try JSONLinesReader(path: path, bufferSize: 3)
        var lines: [RawLine] = []
        while let line = try reader.nextLine() { lines.append(line) }
        XCTAssertEqual(lines.map { String(decoding: $0.bytes, as: UTF8.self) }, [#"{"a":1}"#, "[2]", #"{"b":"é"}"#])
        XCTAssertEqual(lines.map(\.provenance.line), [1, 3, 4])
        XCTAssertEqual(lines.map(JSONLinesReader.parseLine), try readAll(path))
    }
}
