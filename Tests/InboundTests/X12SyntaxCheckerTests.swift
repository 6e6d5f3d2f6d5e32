import XCTest
@testable import Inbound

final class X12SyntaxCheckerTests: XCTestCase {
    func testSegmentAndElementErrors() throws {
        let x = try XCTUnwrap(X12Fixtures.interchanges(X12Fixtures.read("err_syntax_850.x12")).first)
        XCTAssertEqual(x.errors, [])
        let sets = try XCTUnwrap(x.groups.first?.sets)
        XCTAssertEqual(sets.count, 3)
        let first = sets[0].errors.map { "\($0.segmentID ?? "")\($0.element.map { String(format2: $0) } ?? "")@\($0.positionInSet ?? 0) \($0.code)" }
        XCTAssertEqual(first, [
            "BEG@2 AK3 8", "BEG01@2 AK4 7",
            "REF@3 AK3 8", "REF01@3 AK4 5",
            "N1@4 AK3 8", "N101@4 AK4 1",
            "ZZZ@5 AK3 1",
            "PO1@6 AK3 8", "PO104@6 AK4 6",
        ])
        // Each error names the file, the segment number in the file and its byte offset.
        let beg = sets[0].errors[1]
        XCTAssertEqual(beg.position.index, 4)
        XCTAssertEqual(beg.value, "99")
        XCTAssertTrue(beg.description.hasPrefix(X12Fixtures.path("err_syntax_850.x12") + ": segment 4 (byte "), beg.description)
        XCTAssertEqual(sets[1].errors, [])
        XCTAssertEqual(sets[2].errors.map(\.code), [.mandatorySegmentMissing, .mandatorySegmentMissing])
        XCTAssertEqual(sets[2].errors.map(\.segmentID), ["BIG", "TDS"])
    }

    func testUnknownSetsAreNotChecked() throws {
        let set = X12TransactionSet(st: X12Segment("ST", ["837", "0001"]), segments: [X12Segment("ZZZ", [])])
        XCTAssertEqual(X12SyntaxChecker.check(set), [])
    }

    func testElementTypes() {
        let check = { (segment: X12Segment) in X12SyntaxChecker.checkElements(segment, positionInSet: 2).map(\.code) }
        XCTAssertEqual(check(X12Segment("CTT", ["12"])), [])
        XCTAssertEqual(check(X12Segment("CTT", ["1.5"])), [.invalidCharacter])
        XCTAssertEqual(check(X12Segment("AMT", ["TT", "-12.50"])), [])
        XCTAssertEqual(check(X12Segment("AMT", ["TT", "1.2.3"])), [.invalidCharacter])
        XCTAssertEqual(check(X12Segment("BIG", ["2024011", "INV"])), [.elementTooShort])
        XCTAssertEqual(check(X12Segment("N1", ["ZZ", "Name"])), [.invalidCodeValue])
        XCTAssertEqual(check(X12Segment("TD5", ["B", "2", "UPSN", "Q"])), [.invalidCodeValue])
        XCTAssertEqual(check(X12Segment("N3", ["Line\u{01}"])), [.invalidCharacter])
        XCTAssertEqual(check(X12Segment("NTE", ["GEN", "ok", "bad\u{07}"])), [.invalidCharacter])
    }
}
