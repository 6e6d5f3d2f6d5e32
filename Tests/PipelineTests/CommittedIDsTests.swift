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

final class DocumentNameClaimTests: XCTestCase {
    func testCollidingIdsGetDistinctNames() {
        var ids = CommittedIDs()
        var names: Set<String> = []
        let all = ["ACME 1", "ACME_1", "a/b", "a_b", "Müller", "Möller", "M_ller", "Zoë", "Zoe\u{0308}", "ACME", "acme", "AcMe",
                   String(repeating: "x", count: 300), String(repeating: "x", count: 301), ".hidden", "_hidden", "../etc", "日本"]
        for (line, id) in all.enumerated() {
            guard case .new(let name) = ids.claim(id, line: line + 1) else { return XCTFail("\(id) taken as a duplicate") }
            XCTAssertTrue(names.insert(name.lowercased()).inserted, "\(id) → \(name) clashes")
            XCTAssertLessThanOrEqual(name.utf8.count, 100, name)
            XCTAssertFalse(name.hasPrefix("."), name)
            XCTAssertFalse(name.contains("/"), name)
        }
        XCTAssertEqual(ids.claim("ACME 1", line: 99), .duplicate(firstLine: 1))
        XCTAssertEqual(ids.claim("acme", line: 99), .duplicate(firstLine: 11))
    }

    func testPlainIdsKeepTheirNameAndTheFirstCaseVariantToo() {
        var ids = CommittedIDs()
        XCTAssertEqual(ids.claim("100000175", line: 1), .new(name: "100000175"))
        XCTAssertEqual(ids.claim("INV-001.a_b", line: 2), .new(name: "INV-001.a_b"))
        guard case .new(let later) = ids.claim("inv-001.A_B", line: 3) else { return XCTFail() }
        XCTAssertTrue(later.hasPrefix("inv-001.A_B~"), later)
    }
}
