import XCTest
@testable import Layout

final class Code128Tests: XCTestCase {
    func testAllDigitOddLengthUsesCodeCThenB() throws {
        // What the reference peers emit for account ids: Start C, digit pairs, Code B for the last digit.
        let codes = try Code128.symbols(for: "100000175")
        XCTAssertEqual(Array(codes.prefix(7)), [105, 10, 0, 0, 17, 100, 21])
        let check = (105 + 1 * 10 + 2 * 0 + 3 * 0 + 4 * 17 + 5 * 100 + 6 * 21) % 103
        XCTAssertEqual(codes[7], check)
        XCTAssertEqual(codes.last, 106)
    }

    func testTextUsesCodeB() throws {
        let codes = try Code128.symbols(for: "AB-12")
        XCTAssertEqual(codes.first, 104)
        XCTAssertEqual(Array(codes[1...5]), [33, 34, 13, 17, 18])
    }

    func testLongDigitRunInsideTextSwitchesToC() throws {
        let codes = try Code128.symbols(for: "A123456B")
        XCTAssertEqual(Array(codes.prefix(6)), [104, 33, 99, 12, 34, 56])
        XCTAssertEqual(codes[6], 100)
    }

    func testModuleWidths() throws {
        let (bars, modules) = try Code128.bars(for: "100000175")
        // 8 symbols of 11 modules + stop of 13
        XCTAssertEqual(modules, 8 * 11 + 13)
        XCTAssertEqual(bars.first?.offset, 0)
        XCTAssertEqual(bars.first?.width, 2)
    }

    func testNonASCIIIsRefused() {
        XCTAssertThrowsError(try Code128.symbols(for: "€1"))
        XCTAssertThrowsError(try Code128.symbols(for: ""))
    }
}
