import XCTest
@testable import Records

/// Every kind of parse error, with its message and column.
final class JSONParserErrorTests: XCTestCase {
    private func assertError(_ bytes: [UInt8], _ message: String, column: Int, byteOffset: Int? = nil,
                             file: StaticString = #filePath, line: UInt = #line) {
        do {
            let value = try JSONParser.parse(bytes)
            XCTFail("parsed \(value)", file: file, line: line)
        } catch {
            XCTAssertEqual(error.message, message, file: file, line: line)
            XCTAssertEqual(error.description, message, file: file, line: line)
            XCTAssertEqual(error.column, column, file: file, line: line)
            if let byteOffset { XCTAssertEqual(error.byteOffset, byteOffset, file: file, line: line) }
        }
    }

    private func assertError(_ text: String, _ message: String, column: Int, byteOffset: Int? = nil,
                             file: StaticString = #filePath, line: UInt = #line) {
        assertError(Array(text.utf8), message, column: column, byteOffset: byteOffset, file: file, line: line)
    }

    func testUnexpectedCharacters() {
        assertError(#"{"a": 1,}"#, "unexpected character '}' at column 9; expected a string key", column: 9)
        assertError(#"{"a" 1}"#, "unexpected character '1' at column 6; expected ':' after the key", column: 6)
        assertError(#"{"a": 1 "b": 2}"#, "unexpected character '\"' at column 9; expected ',' or '}'", column: 9)
        assertError("[1 2]", "unexpected character '2' at column 4; expected ',' or ']'", column: 4)
        assertError("[1,]", "unexpected character ']' at column 4; expected a value", column: 4)
        assertError("{1:2}", "unexpected character '1' at column 2; expected a string key", column: 2)
        assertError("NaN", "unexpected character 'N' at column 1; expected a value", column: 1)
        assertError("+1", "unexpected character '+' at column 1; expected a value", column: 1)
        assertError(".5", "unexpected character '.' at column 1; expected a value", column: 1)
        assertError("\u{1}", "unexpected character U+0001 at column 1; expected a value", column: 1)
        assertError("é", "unexpected character 'é' at column 1; expected a value", column: 1)
    }

    func testTrailingGarbage() {
        assertError(#"{"a": 1} x"#, "unexpected character 'x' at column 10; expected end of input after the JSON value", column: 10)
        assertError("[1]]", "unexpected character ']' at column 4; expected end of input after the JSON value", column: 4)
        assertError("1 2", "unexpected character '2' at column 3; expected end of input after the JSON value", column: 3)
    }

    func testUnexpectedEnd() {
        assertError("", "unexpected end of input at column 1; expected a value", column: 1)
        assertError("   ", "unexpected end of input at column 4; expected a value", column: 4)
        assertError("[1, 2", "unexpected end of input at column 6; expected ',' or ']'", column: 6)
        assertError(#"{"a":"#, "unexpected end of input at column 6; expected a value", column: 6)
        assertError(#"{"a""#, "unexpected end of input at column 5; expected ':' after the key", column: 5)
        assertError("{", "unexpected end of input at column 2; expected a string key", column: 2)
        assertError(#"{"a":1"#, "unexpected end of input at column 7; expected ',' or '}'", column: 7)
    }

    func testColumnsCountCharactersNotBytes() {
        assertError(#"["éé", x]"#, "unexpected character 'x' at column 8; expected a value", column: 8, byteOffset: 9)
        assertError("[\"😀\" 1]", "unexpected character '1' at column 6; expected ',' or ']'", column: 6, byteOffset: 8)
    }

    func testLiterals() {
        assertError("tru", "invalid literal starting at column 1; expected 'true'", column: 1)
        assertError("[nul]", "invalid literal starting at column 2; expected 'null'", column: 2)
        assertError("fals", "invalid literal starting at column 1; expected 'false'", column: 1)
        assertError("[truex]", "unexpected character 'x' at column 6; expected ',' or ']'", column: 6)
    }

    func testUnterminatedStrings() {
        assertError(#"{"name": "abc"#, "unterminated string starting at column 10", column: 10)
        assertError(#"""#, "unterminated string starting at column 1", column: 1)
        assertError(#""abc\"#, "unterminated string starting at column 1", column: 1)
        assertError(#"["a\n"#, "unterminated string starting at column 2", column: 2)
    }

    func testInvalidEscapes() {
        assertError(#""a\qb""#, #"invalid escape sequence '\q' in string at column 3; expected one of \" \\ \/ \b \f \n \r \t \uXXXX"#, column: 3)
        assertError(#""\u12G4""#, #"invalid \u escape in string at column 2; expected four hex digits after \u"#, column: 2)
        assertError(#""\u12""#, #"invalid \u escape in string at column 2; expected four hex digits after \u"#, column: 2)
        assertError(#""\U0041""#, #"invalid escape sequence '\U' in string at column 2; expected one of \" \\ \/ \b \f \n \r \t \uXXXX"#, column: 2)
    }

    func testInvalidSurrogates() {
        assertError(#""\uD800""#, #"unpaired high surrogate \uD800 in string at column 2; expected a low surrogate escape \uDC00-\uDFFF after it"#, column: 2)
        assertError(#""x\uD83Dabc""#, #"unpaired high surrogate \uD83D in string at column 3; expected a low surrogate escape \uDC00-\uDFFF after it"#, column: 3)
        assertError(#""\uD800\u0041""#, #"invalid surrogate pair \uD800\u0041 in string at column 2; expected a low surrogate \uDC00-\uDFFF after a high surrogate"#, column: 2)
        assertError(#""\uD800\uD800""#, #"invalid surrogate pair \uD800\uD800 in string at column 2; expected a low surrogate \uDC00-\uDFFF after a high surrogate"#, column: 2)
        assertError(#""\uDC00""#, #"unpaired low surrogate \uDC00 in string at column 2"#, column: 2)
        assertError(#""\uD800\u12""#, #"invalid \u escape in string at column 8; expected four hex digits after \u"#, column: 8)
    }

    func testControlCharactersInStrings() {
        assertError("\"a\tb\"", "unescaped control character U+0009 in string at column 3", column: 3)
        assertError("[\"ab\ncd\"]", "unescaped control character U+000A in string at column 5", column: 5)
        assertError("\"0123456789abcdef\u{1F}\"", "unescaped control character U+001F in string at column 18", column: 18)
        assertError("\"\\n\u{0}\"", "unescaped control character U+0000 in string at column 4", column: 4)
    }

    func testInvalidUTF8() {
        let quote = UInt8(ascii: "\""), letter = UInt8(ascii: "a")
        assertError([quote, letter, 0xFF, quote], "invalid UTF-8 byte 0xFF in string at column 3", column: 3)
        assertError([quote, 0xC0, 0x80, quote], "invalid UTF-8 byte 0xC0 in string at column 2", column: 2)  // overlong
        assertError([quote, 0xED, 0xA0, 0x80, quote], "invalid UTF-8 byte 0xED in string at column 2", column: 2)  // surrogate
        assertError([quote, 0xF4, 0x90, 0x80, 0x80, quote], "invalid UTF-8 byte 0xF4 in string at column 2", column: 2)  // > U+10FFFF
        assertError([quote, 0xE2, 0x82, quote], "invalid UTF-8 byte 0xE2 in string at column 2", column: 2)  // truncated
        assertError([quote, 0x80, quote], "invalid UTF-8 byte 0x80 in string at column 2", column: 2)  // lone continuation
        assertError([quote, UInt8(ascii: "\\"), UInt8(ascii: "n"), 0xFE, quote], "invalid UTF-8 byte 0xFE in string at column 4", column: 4)
        assertError(Array("1234567890".utf8) + [0xFF], "invalid UTF-8 byte 0xFF at column 11; expected end of input after the JSON value", column: 11)
        assertError([0xFF], "invalid UTF-8 byte 0xFF at column 1; expected a value", column: 1)
    }

    func testNumbers() {
        assertError("01", "invalid number at column 1; leading zeros are not allowed", column: 1)
        assertError("[-01]", "invalid number at column 2; leading zeros are not allowed", column: 2)
        assertError("-", "unexpected end of input at column 2; expected a digit after '-'", column: 2)
        assertError("[-a]", "unexpected character 'a' at column 3; expected a digit after '-'", column: 3)
        assertError("1.", "unexpected end of input at column 3; expected a digit after '.'", column: 3)
        assertError("1.e5", "unexpected character 'e' at column 3; expected a digit after '.'", column: 3)
        assertError("1e", "unexpected end of input at column 3; expected a digit after the exponent marker", column: 3)
        assertError("[1e+]", "unexpected character ']' at column 5; expected a digit after the exponent marker", column: 5)
        assertError("[1, -1e400]", "number -1e400 out of range at column 5; the largest magnitude is about 1.8e308", column: 5)
    }

    func testNestingLimit() {
        let depth = JSONParser.maximumDepth + 1
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        assertError(text, "nesting deeper than 512 levels at column 513", column: 513)
        // Deep hostile input must fail cleanly, not overflow the stack.
        assertError(String(repeating: "{\"a\":", count: 100_000), "nesting deeper than 512 levels at column 2561", column: 2561)
    }
}
