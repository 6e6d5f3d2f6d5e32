import XCTest
@testable import Records

/// Values built in code (inbound X12 records) are written as JSON text that the parser reads back as the
/// same value, deterministically.
final class JSONValueWritingTests: XCTestCase {
    func testWrittenTextParsesBackToTheSameValue() throws {
        let values: [JSONValue] = [
            ["name": "Müller & Söhne \"GmbH\"", "note": "tab\there\nnew line\r\\ back / slash \u{01}\u{1F} end",
             "emoji": "👩🏽‍💻 \u{202E}rtl", "empty": ""],
            ["whole": 120, "fraction": 4.25, "negative": -12.5, "tiny": 1e-7, "big": 12345678901234, "huge": 1e300, "zero": 0],
            ["nested": [["a": true, "b": false, "c": nil], [], [:]], "list": [1, "two", 3.5]],
        ]
        for value in values {
            let text = value.jsonText
            XCTAssertFalse(text.contains("\n"), "one line: \(text)")
            XCTAssertEqual(try JSONParser.parse(text), value, text)
        }
    }

    func testObjectsAreWrittenInKeyOrderWhateverOrderTheyWereSet() {
        var fields: [String: JSONValue] = [:]
        for key in ["zeta", "alpha", "mid", "Alpha"] { fields[key] = .string(key) }
        XCTAssertEqual(JSONValue(fields).jsonText, #"{"Alpha":"Alpha","alpha":"alpha","mid":"mid","zeta":"zeta"}"#)
        XCTAssertEqual(JSONValue.number(120).jsonText, "120")
        XCTAssertEqual(JSONValue.number(4.25).jsonText, "4.25")
        XCTAssertEqual(JSONValue.string("a\u{0}b").jsonText, #""a\u0000b""#)
    }
}
