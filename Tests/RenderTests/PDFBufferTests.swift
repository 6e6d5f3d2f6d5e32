@testable import Render
import XCTest

final class PDFBufferTests: XCTestCase {
    private func number(_ v: Double, _ decimals: Int = 3) -> String {
        var b = PDFBuffer()
        b.number(v, decimals: decimals)
        return String(decoding: b.bytes, as: UTF8.self)
    }

    func testNumbers() {
        XCTAssertEqual(number(792), "792")
        XCTAssertEqual(number(0), "0")
        XCTAssertEqual(number(-0.0), "0")
        XCTAssertEqual(number(-0.0004), "0")
        XCTAssertEqual(number(0.0005), "0.001")
        XCTAssertEqual(number(-0.0005), "-0.001")
        XCTAssertEqual(number(12.5), "12.5")
        XCTAssertEqual(number(-3.25), "-3.25")
        XCTAssertEqual(number(1.0 / 3), "0.333")
        XCTAssertEqual(number(2.9999), "3")
        XCTAssertEqual(number(104.0703125), "104.07")
        XCTAssertEqual(number(0.05), "0.05")
        XCTAssertEqual(number(1234567.001), "1234567.001")
        XCTAssertEqual(number(0.121569, 4), "0.1216")
        XCTAssertEqual(number(.nan), "0")
    }

    func testIntegersAndOffsets() {
        var b = PDFBuffer()
        b.integer(0); b.byte(32); b.integer(-17); b.byte(32); b.integer(1_000_000); b.byte(32); b.zeroPadded(35873, width: 10)
        XCTAssertEqual(String(decoding: b.bytes, as: UTF8.self), "0 -17 1000000 0000035873")
    }

    func testSubsetTagIsSixCapitals() {
        let tag = EmbeddedFont.tag("DejaVuSans", [0, 3, 36])
        XCTAssertEqual(tag.count, 6)
        XCTAssertTrue(tag.unicodeScalars.allSatisfy { $0 >= "A" && $0 <= "Z" })
        XCTAssertEqual(tag, EmbeddedFont.tag("DejaVuSans", [0, 3, 36]))
        XCTAssertNotEqual(tag, EmbeddedFont.tag("DejaVuSans", [0, 3, 37]))
    }
}
