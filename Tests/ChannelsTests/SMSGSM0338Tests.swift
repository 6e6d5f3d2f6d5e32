import XCTest
@testable import Channels

/// The GSM 03.38 tables, position by position where it matters.
final class SMSGSM0338Tests: XCTestCase {
    func testBasicTableHas128SeptetsInStandardOrder() {
        let table = GSM0338.basicTable
        XCTAssertEqual(table.count, 128)
        let expected: [(Int, Unicode.Scalar)] = [
            (0x00, "@"), (0x01, "£"), (0x02, "$"), (0x03, "¥"), (0x04, "è"), (0x05, "é"), (0x06, "ù"),
            (0x07, "ì"), (0x08, "ò"), (0x09, "Ç"), (0x0A, "\n"), (0x0B, "Ø"), (0x0C, "ø"), (0x0D, "\r"),
            (0x0E, "Å"), (0x0F, "å"), (0x10, "Δ"), (0x11, "_"), (0x12, "Φ"), (0x13, "Γ"), (0x14, "Λ"),
            (0x15, "Ω"), (0x16, "Π"), (0x17, "Ψ"), (0x18, "Σ"), (0x19, "Θ"), (0x1A, "Ξ"), (0x1B, "\u{1B}"),
            (0x1C, "Æ"), (0x1D, "æ"), (0x1E, "ß"), (0x1F, "É"), (0x20, " "), (0x24, "¤"), (0x30, "0"),
            (0x40, "¡"), (0x41, "A"), (0x5A, "Z"), (0x5B, "Ä"), (0x5C, "Ö"), (0x5D, "Ñ"), (0x5E, "Ü"),
            (0x5F, "§"), (0x60, "¿"), (0x61, "a"), (0x7A, "z"), (0x7B, "ä"), (0x7C, "ö"), (0x7D, "ñ"),
            (0x7E, "ü"), (0x7F, "à"),
        ]
        for (code, scalar) in expected {
            XCTAssertEqual(table[code], scalar, "septet 0x\(String(code, radix: 16))")
        }
        XCTAssertEqual(Set(table).count, 128, "no character twice")
    }

    func testEscapeIsNotASendableCharacter() {
        XCTAssertEqual(GSM0338.basic.count, 127)
        XCTAssertNil(GSM0338.septets("\u{1B}"))
        XCTAssertEqual(SMSEncoder.analyze("a\u{1B}b").encoding, .ucs2)
    }

    func testExtensionTable() {
        let expected: [Unicode.Scalar: UInt8] = [
            "\u{0C}": 0x0A, "^": 0x14, "{": 0x28, "}": 0x29, "\\": 0x2F,
            "[": 0x3C, "~": 0x3D, "]": 0x3E, "|": 0x40, "€": 0x65,
        ]
        XCTAssertEqual(GSM0338.extended, expected)
        for scalar in expected.keys {
            XCTAssertEqual(GSM0338.septets(scalar), 2, "\(scalar) costs escape + code")
            XCTAssertNil(GSM0338.basic[scalar])
        }
    }

    func testLookAlikesThatAreNotGSM() {
        // Only the capital Ç is in the table; backtick, á, õ and curly quotes are not.
        for text in ["ç", "`", "á", "õ", "\u{2019}", "\u{201C}", "\t"] {
            let analysis = SMSEncoder.analyze(text)
            XCTAssertEqual(analysis.encoding, .ucs2, text)
            XCTAssertEqual(analysis.nonGSMCharacters, [Character(text)], text)
        }
    }
}
