import XCTest
@testable import Pipeline

final class CommittedIDsTests: XCTestCase {
    func testReportsTheFirstLineOfADuplicate() {
        var ids = CommittedIDs()
        XCTAssertNil(ids.insert("100000175", line: 1))
        XCTAssertNil(ids.insert("100000182", line: 2))
        XCTAssertEqual(ids.insert("100000175", line: 9), 1)
        XCTAssertEqual(ids.count, 2)
    }

    func testExactThroughManyResizes() {
        var ids = CommittedIDs()
        for i in 0..<200_000 { XCTAssertNil(ids.insert(String(100_000_000 + i * 7), line: i + 1)) }
        for i in stride(from: 0, to: 200_000, by: 997) {
            XCTAssertEqual(ids.insert(String(100_000_000 + i * 7), line: 0), i + 1)
        }
        XCTAssertNil(ids.insert("100000001", line: 1))  // not a multiple of 7 away: new
        XCTAssertEqual(ids.count, 200_001)
    }

    func testKeysDifferingOnlyInLengthOrUnicode() {
        var ids = CommittedIDs()
        XCTAssertNil(ids.insert("A", line: 1))
        XCTAssertNil(ids.insert("AA", line: 2))
        XCTAssertNil(ids.insert("", line: 3))
        XCTAssertNil(ids.insert("Zoë", line: 4))
        XCTAssertNil(ids.insert("Zoe\u{0308}", line: 5))  // another byte sequence: another file name
        XCTAssertEqual(ids.insert("Zoë", line: 6), 4)
        XCTAssertEqual(ids.insert("", line: 7), 3)
    }
}
