import Foundation
import Records
import XCTest
@testable import Pipeline

/// The file that records an in-memory run's values holds each value on the line and at the offset its
/// provenance gives, so a reprint (which reads that line back) sees exactly what the run laid out.
final class RecordedInputTests: XCTestCase {
    func testEachValueIsOnTheLineAndOffsetItsProvenanceGives() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("recorded-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let values: [JSONValue] = [["id": "1", "name": "Zoë"], ["id": "2", "lines": [["q": 3]]], ["id": "3 \"quoted\"\n"]]
        let recorded = try RecordedInput.write(values, to: path)
        let reader = try JSONLinesReader(path: path)
        for (index, record) in recorded.records.enumerated() {
            let line = try XCTUnwrap(reader.nextLine())
            guard case .value(let value, let provenance) = record, case .record(let parsed, let read) = line.parse() else {
                return XCTFail("record \(index) is not a value, or its line does not parse")
            }
            XCTAssertEqual(provenance, read)
            XCTAssertEqual(value, parsed)
            XCTAssertEqual(value, values[index])
        }
        XCTAssertNil(try reader.nextLine())
    }

    func testAResumedRunStartsAfterItsLastCommittedLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("recorded-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recorded = try RecordedInput.write((1...5).map { ["id": .string("\($0)")] }, to: path)
        let source = MemorySource(recorded, after: 3)
        var lines: [Int] = []
        while let record = try source.next() { lines.append(record.provenance.line) }
        XCTAssertEqual(lines, [4, 5])
    }
}
