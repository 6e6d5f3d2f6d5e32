import XCTest
@testable import Inbound

/// Segment order, loops, repeats and HL numbering against the 004010 standard (X12SegmentSequence,
/// X12Hierarchy through X12SyntaxChecker).
final class X12SegmentSequenceTests: XCTestCase {
    private func errors(_ id: String, _ segments: [X12Segment]) -> [String] {
        let set = X12TransactionSet(st: X12Segment("ST", [id, "0001"]), segments: segments,
                                    se: X12Segment("SE", ["\(segments.count + 2)", "0001"]))
        return X12SyntaxChecker.check(set, version: "004010").map {
            "\($0.segmentID ?? "")\($0.element.map { String(format2: $0) } ?? "")@\($0.positionInSet ?? 0)"
                + ($0.loopID.map { "/\($0)" } ?? "") + " \($0.code)"
        }
    }

    private let beg = X12Segment("BEG", ["00", "SA", "PO-1", "", "20240115"])
    private let po1 = X12Segment("PO1", ["1", "2", "EA", "4.25", "", "VP", "X1"])

    func testAWellOrderedOrderWithLoopsIsAccepted() {
        XCTAssertEqual(errors("850", [
            beg, X12Segment("REF", ["DP", "12"]), X12Segment("REF", ["IA", "9"]), X12Segment("DTM", ["002", "20240201"]),
            X12Segment("N1", ["ST", "Store"]), X12Segment("N3", ["1 Main St"]), X12Segment("N4", ["Town", "CA", "90001"]),
            X12Segment("N1", ["BT", "Head office"]),
            po1, X12Segment("PID", ["F", "", "", "", "Widget"]), po1, X12Segment("CTP", ["", "RTL", "5.99"]),
            X12Segment("CTT", ["2"]),
        ]), [])
    }

    func testASegmentOutOfItsPlaceIsError7() {
        // DTM belongs to the heading before the N1 loops; after N1 it has no place (nor in the N1 loop).
        XCTAssertEqual(errors("850", [beg, X12Segment("N1", ["ST", "Store"]), X12Segment("DTM", ["002", "20240201"]), po1]),
                       ["DTM@4/N1 AK3 7"])
        // BEG after the detail started.
        XCTAssertEqual(errors("850", [beg, po1, beg]), ["BEG@4/PO1 AK3 7"])
    }

    func testRepeatsOverTheMaximumAreErrors4And5() {
        // CUR may be used once in the heading.
        XCTAssertEqual(errors("850", [beg, X12Segment("CUR", ["BY", "USD"]), X12Segment("CUR", ["BY", "EUR"]), po1]),
                       ["CUR@4 AK3 5"])
        // The heading's N1 loop 200 times at most.
        let parties = (1...201).map { X12Segment("N1", ["ST", "Store \($0)"]) }
        XCTAssertEqual(errors("850", [beg] + parties + [po1]), ["N1@203/N1 AK3 4"])
    }

    func testMandatorySegmentsAndLoopsMissingAreError3() {
        // No PO1 loop (mandatory): reported before the segment that came in its place, with the loop's id.
        XCTAssertEqual(errors("850", [beg, X12Segment("CTT", ["0"])]), ["PO1@3/PO1 AK3 3"])
        // No BEG: missing before the first segment after it.
        XCTAssertEqual(errors("850", [X12Segment("REF", ["DP", "12"]), po1]), ["BEG@2 AK3 3"])
        // A mandatory segment inside a loop: LH1 loop's trigger is mandatory, so take the 856's
        // mandatory HL loop instead, missing entirely.
        XCTAssertEqual(errors("856", [X12Segment("BSN", ["00", "S1", "20240115", "1200"]), X12Segment("CTT", ["0"])]),
                       ["HL@3/HL AK3 3"])
    }

    func testHierarchicalLevelsNameEarlierParentsAndUniqueIds() {
        let bsn = X12Segment("BSN", ["00", "S1", "20240115", "1200"])
        XCTAssertEqual(errors("856", [bsn, X12Segment("HL", ["1", "", "S"]), X12Segment("HL", ["2", "1", "O"]),
                                      X12Segment("HL", ["3", "2", "I"])]), [])
        XCTAssertEqual(errors("856", [bsn, X12Segment("HL", ["1", "", "S"]), X12Segment("HL", ["2", "7", "O"]),
                                      X12Segment("HL", ["2", "1", "I"])]),
                       ["HL@4 AK3 8", "HL02@4 AK4 7", "HL@5 AK3 8", "HL01@5 AK4 7"])
    }

    func testTheLoopIdReachesAK303() {
        let set = X12TransactionSet(st: X12Segment("ST", ["850", "0001"]), segments: [beg, X12Segment("CTT", ["0"])],
                                    se: X12Segment("SE", ["4", "0001"]))
        var checked = set
        checked.errors = X12SyntaxChecker.check(set, version: "004010")
        let ak3 = X12AckGroupBuilder.setResponse(checked, is999: false).filter { $0.id == "AK3" }
        XCTAssertEqual(ak3.map { $0.elements.map { $0.first?.first ?? "" } }, [["PO1", "3", "PO1", "3"]])
    }
}
