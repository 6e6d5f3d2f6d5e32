import XCTest
@testable import Channels

/// The characters stripped from SMS text that comes from data, and what stripping does to the segment count.
final class SMSSanitizerTests: XCTestCase {
    func testTheUnsafeSetAndWhatStaysSafe() {
        let unsafe: [UInt32] = [0x00, 0x01, 0x09, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9B, 0x9F,
                                0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF,
                                0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
        for value in unsafe { XCTAssertTrue(SMSSanitizer.isUnsafe(Unicode.Scalar(value)!), "U+\(String(value, radix: 16))") }
        let safe: [UInt32] = [0x0A, 0x0D, 0x20, 0x41, 0xA0, 0xE9, 0x20AC, 0x200A, 0x200E, 0x2029, 0x2070, 0x1F600]
        for value in safe { XCTAssertFalse(SMSSanitizer.isUnsafe(Unicode.Scalar(value)!), "U+\(String(value, radix: 16))") }
    }

    func testStripCountsAndNamesTheFirst() {
        let stripped = SMSSanitizer.strip("Pay\u{202E} 01.0\u{1B}\u{0} now\n")
        XCTAssertEqual(stripped.text, "Pay 01.0 now\n")
        XCTAssertEqual(stripped.removed, 3)
        XCTAssertEqual(stripped.first, "\u{202E}")
        let clean = SMSSanitizer.strip("Plain text")
        XCTAssertEqual(clean.removed, 0)
        XCTAssertNil(clean.first)
        XCTAssertEqual(SMSSanitizer.describe("\u{1B}"), "U+001B (ESC)")
        XCTAssertEqual(SMSSanitizer.describe("\u{FEFF}"), "U+FEFF (ZERO WIDTH NO-BREAK SPACE (BOM))")
        XCTAssertEqual(SMSSanitizer.describe("\u{202E}"), "U+202E (RIGHT-TO-LEFT OVERRIDE)")
        XCTAssertEqual(SMSSanitizer.describe("\u{91}"), "U+0091")
    }

    func testAnEscapeDoublesTheSegmentsUntilStripped() {
        // 150 GSM-7 characters: one segment. One ESC makes it UCS-2: 151 units in segments of 67.
        let text = String(repeating: "a", count: 75) + "\u{1B}" + String(repeating: "b", count: 75)
        XCTAssertEqual(SMSEncoder.analyze(text).segments, 3)
        XCTAssertEqual(SMSEncoder.analyze(text).encoding, .ucs2)
        let stripped = SMSSanitizer.strip(text).text
        XCTAssertEqual(SMSEncoder.analyze(stripped), SMSAnalysis(encoding: .gsm7, units: 150, segments: 1, nonGSMCharacters: []))
    }
}
