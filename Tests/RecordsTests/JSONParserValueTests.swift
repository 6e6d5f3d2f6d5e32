import XCTest
@testable import Records

/// What the parser produces for valid JSON.
final class JSONParserValueTests: XCTestCase {
    func testLiteralsAndTopLevelScalars() throws {
        XCTAssertEqual(try JSONParser.parse("true"), .bool(true))
        XCTAssertEqual(try JSONParser.parse("false"), .bool(false))
        XCTAssertEqual(try JSONParser.parse(" null \n"), .null)
        XCTAssertEqual(try JSONParser.parse("\"x\""), .string("x"))
        XCTAssertEqual(try JSONParser.parse("42"), .number(42))
    }

    func testSimpleEscapes() throws {
        XCTAssertEqual(try JSONParser.parse(#""\"\\\/\b\f\n\r\t""#), .string("\"\\/\u{8}\u{C}\n\r\t"))
        XCTAssertEqual(try JSONParser.parse(#""abc\ndef\u0041ghi\\""#), .string("abc\ndefAghi\\"))
        XCTAssertEqual(try JSONParser.parse(#""\u0000""#), .string("\u{0}"))
    }

    func testUnicodeEscapesAndRawUnicode() throws {
        XCTAssertEqual(try JSONParser.parse(#""\u00e9\u4E2D\u00A0""#), .string("é中\u{A0}"))
        XCTAssertEqual(try JSONParser.parse("\"héllo 中文 😀 ok\""), .string("héllo 中文 😀 ok"))
        XCTAssertEqual(try JSONParser.parse("{\"clé\":\"värde\"}"), .object([(key: "clé", value: .string("värde"))]))
    }

    func testSurrogatePairs() throws {
        XCTAssertEqual(try JSONParser.parse(#""\ud83d\ude00""#), .string("😀"))
        XCTAssertEqual(try JSONParser.parse(#""a\uD834\uDD1Eb""#), .string("a𝄞b"))
        XCTAssertEqual(try JSONParser.parse(#""\uDBFF\uDFFF""#), .string("\u{10FFFF}"))
    }

    /// Quotes, escapes and non-ASCII at every position of strings around the 8-byte scanning steps.
    func testSpecialBytesAtEveryPosition() throws {
        for length in 1 ..< 40 {
            for position in 0 ..< length {
                let prefix = String(repeating: "a", count: position)
                let suffix = String(repeating: "b", count: length - position - 1)
                for (json, decoded) in [("\\n", "\n"), ("é", "é"), ("\\\"", "\""), ("😀", "😀"), ("a", "a")] {
                    let parsed = try JSONParser.parse("[\"\(prefix)\(json)\(suffix)\",1]")
                    XCTAssertEqual(parsed, .array([.string(prefix + decoded + suffix), .number(1)]), "\(length) \(position)")
                }
            }
        }
    }

    func testNumbers() throws {
        let cases: [(String, Double)] = [
            ("0", 0), ("1", 1), ("-1", -1), ("42", 42), ("1234.56", 1234.56), ("-1234.56", -1234.56),
            ("0.1", 0.1), ("1e10", 1e10), ("1E+2", 100), ("1e-2", 0.01), ("2.5e-3", 0.0025),
            ("-0.0", -0.0), ("9007199254740993", 9_007_199_254_740_992), ("123456789012345678901234567890", 1.2345678901234568e29),
            ("1.7976931348623157e308", .greatestFiniteMagnitude), ("5e-324", .leastNonzeroMagnitude),
            ("1e-400", 0), ("0.000000000000000000000000000001", 1e-30), ("1.50000000000000000000", 1.5),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(try JSONParser.parse(text), .number(expected), text)
            XCTAssertEqual(try JSONParser.parse(text), .number(Double(text)!), text)
        }
        guard case .number(let negativeZero) = try JSONParser.parse("-0") else { return XCTFail("not a number") }
        XCTAssertEqual(negativeZero.sign, .minus)
    }

    /// The fast path must agree bit for bit with the standard library on many decimal spellings.
    func testNumbersMatchStandardLibrary() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0 ..< 20_000 {
            let integer = UInt64.random(in: 0 ... 99_999_999_999, using: &generator)
            let fraction = UInt64.random(in: 0 ... 999_999, using: &generator)
            let exponent = Int.random(in: -30 ... 30, using: &generator)
            for text in ["\(integer).\(fraction)", "-\(integer)", "\(integer)e\(exponent)", "0.\(fraction)E\(exponent)"] {
                guard case .number(let value) = try JSONParser.parse(text) else { return XCTFail(text) }
                XCTAssertEqual(value.bitPattern, Double(text)!.bitPattern, text)
            }
        }
    }

    func testNestingAndMemberOrder() throws {
        let value = try JSONParser.parse(#" { "b" : [1, {"c": [null, true, false]}], "a": {}, "e": [] , "b": "dup" } "#)
        guard case .object(let members) = value else { return XCTFail("not an object") }
        XCTAssertEqual(members.map(\.key), ["b", "a", "e", "b"])
        XCTAssertEqual(members[0].value, .array([.number(1), .object([(key: "c", value: .array([.null, .bool(true), .bool(false)]))])]))
        XCTAssertEqual(members[1].value, .object([]))
        XCTAssertEqual(members[2].value, .array([]))
        XCTAssertEqual(value["b"], members[0].value)
    }

    func testWhitespaceEverywhere() throws {
        XCTAssertEqual(try JSONParser.parse("\t\r\n [ 1 ,\n2\t]\r\n"), .array([.number(1), .number(2)]))
    }

    func testDepthLimitIsInclusive() throws {
        let depth = JSONParser.maximumDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        XCTAssertNoThrow(try JSONParser.parse(text))
    }

    func testByteArrayAndBufferEntryPoints() throws {
        let bytes = Array(#"{"k":[1,"v"]}"#.utf8)
        let expected = JSONValue.object([(key: "k", value: .array([.number(1), .string("v")]))])
        XCTAssertEqual(try JSONParser.parse(bytes), expected)
        let viaBuffer = try bytes.withUnsafeBufferPointer { buffer in try JSONParser.parse(buffer) }
        XCTAssertEqual(viaBuffer, expected)
    }
}
