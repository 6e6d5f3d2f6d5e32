import Records
import Templates
import XCTest
@testable import Pipeline

/// The per-record limits applied before a record is bound: each reject names the limit, the value and the setting.
final class RecordLimitCheckTests: XCTestCase {
    private let limits = RecordLimits(maxFieldCharacters: 10, maxLineBytes: 64, maxPages: 5)

    private func line(_ text: String) -> RawLine {
        RawLine(provenance: Provenance(file: "in.jsonl", line: 3, byteOffset: 120), bytes: Array(text.utf8))
    }

    func testLineBytes() {
        XCTAssertNil(RecordLimitCheck.line(line(String(repeating: "x", count: 64)), limits))
        XCTAssertEqual(RecordLimitCheck.line(line(String(repeating: "x", count: 1_065)), limits),
                       "the record is 1,065 bytes long, more than limits.max_line_bytes 64 "
                       + "(raise it in the template's limits: section if such records are real)")
    }

    func testFieldCharactersAreScalarsAndNamedByPath() throws {
        func check(_ json: String) throws -> String? {
            RecordLimitCheck.fields(try JSONParser.parse(json), limits)
        }
        XCTAssertNil(try check(#"{"a": "0123456789", "b": ["éééééééééé"]}"#))  // 10 scalars, 20 bytes
        XCTAssertEqual(try check(#"{"a": "ok", "tx": [{"d": "x"}, {"d": "01234567890"}]}"#),
                       "field tx[1].d has 11 characters, more than limits.max_field_characters 10 "
                       + "(raise it in the template's limits: section if such values are real)")
        XCTAssertTrue(try check(#"{"a": {"0123456789ab": 1}}"#)?.hasPrefix("field a.(a key of 12 characters) has 12 characters") ?? false)
        XCTAssertNil(try check(#"{"n": 1e300, "b": true, "z": null}"#))
    }

    func testGrouping() {
        XCTAssertEqual(RecordLimitCheck.grouped(0), "0")
        XCTAssertEqual(RecordLimitCheck.grouped(999), "999")
        XCTAssertEqual(RecordLimitCheck.grouped(1_000), "1,000")
        XCTAssertEqual(RecordLimitCheck.grouped(230_000), "230,000")
        XCTAssertEqual(RecordLimitCheck.grouped(1_048_576), "1,048,576")
    }
}

final class RejectReasonTests: XCTestCase {
    func testLongReasonsAreCutSayingHowMuch() {
        let where_ = Provenance(file: "in.jsonl", line: 1, byteOffset: 0)
        XCTAssertEqual(Reject(provenance: where_, reason: "short").reason, "short")
        let long = Reject(provenance: where_, reason: "name '" + String(repeating: "\u{202E}x", count: 5_000) + "'")
        XCTAssertEqual(long.reason.unicodeScalars.count, 2_000 + "… (8007 more characters cut)".unicodeScalars.count)
        XCTAssertTrue(long.reason.hasSuffix("… (8007 more characters cut)"), long.reason.suffix(40).description)
    }
}
