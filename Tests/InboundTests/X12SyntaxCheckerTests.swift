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

    func testUnknownSetsAndVersionsAreNotChecked() throws {
        let set = X12TransactionSet(st: X12Segment("ST", ["837", "0001"]), segments: [X12Segment("ZZZ", [])])
        XCTAssertEqual(X12SyntaxChecker.check(set, version: "004010"), [], "no 837 in the 004010 dictionary")
        let po = X12TransactionSet(st: X12Segment("ST", ["850", "0001"]), segments: [X12Segment("ZZZ", [])])
        XCTAssertEqual(X12SyntaxChecker.check(po, version: "004030"), [], "no 004030 dictionary: envelope only")
    }

    func testWhatTheStandardAllowsIsAccepted() {
        // Issue 13's false rejections: PKG, CSH, CTP and SLN in an 850; FOB in an 856; BSN01 14; N1*OB.
        let po = X12TransactionSet(st: X12Segment("ST", ["850", "0001"]), segments: [
            X12Segment("BEG", ["00", "SA", "PO-1", "", "20240115"]), X12Segment("CSH", ["P4"]), X12Segment("PKG", ["F", "", "", "", "Gift wrap"]),
            X12Segment("N1", ["OB", "Ordered by"]), X12Segment("PO1", ["1", "2", "EA", "4.25", "", "VP", "X1"]),
            X12Segment("CTP", ["", "RTL", "5.99"]), X12Segment("SLN", ["1", "", "I", "1", "EA"]), X12Segment("CTT", ["1"]),
        ], se: X12Segment("SE", ["10", "0001"]))
        XCTAssertEqual(X12SyntaxChecker.check(po, version: "004010").map(\.message), [])
        let ship = X12TransactionSet(st: X12Segment("ST", ["856", "0001"]), segments: [
            X12Segment("BSN", ["14", "SHIP1", "20240115", "1200"]), X12Segment("HL", ["1", "", "S"]), X12Segment("FOB", ["PP"]),
        ], se: X12Segment("SE", ["5", "0001"]))
        XCTAssertEqual(X12SyntaxChecker.check(ship, version: "004010").map(\.message), [])
    }

    func testElementTypesLengthsCodesAndSyntaxNotes() throws {
        let dictionary = try XCTUnwrap(X12StandardDictionary.forVersion("004010"))
        let check = { (segment: X12Segment) in
            X12SyntaxChecker.checkElements(segment, dictionary.segments[segment.id]!, dictionary, positionInSet: 2).map(\.code)
        }
        XCTAssertEqual(check(X12Segment("CTT", ["12"])), [])
        XCTAssertEqual(check(X12Segment("CTT", ["1.5"])), [.invalidCharacter])
        XCTAssertEqual(check(X12Segment("AMT", ["TT", "-12.50"])), [])
        XCTAssertEqual(check(X12Segment("AMT", ["TT", "1.2.3"])), [.invalidCharacter])
        XCTAssertEqual(check(X12Segment("BIG", ["2024011", "INV"])), [.elementTooShort])
        XCTAssertEqual(check(X12Segment("N1", ["ZZ", "Name"])), [])
        XCTAssertEqual(check(X12Segment("BEG", ["99", "SA", "PO-1", "", "20240115"])), [.invalidCodeValue])
        XCTAssertEqual(check(X12Segment("N1", ["ST"])), [.conditionalElementMissing], "R0203: a name or an id")
        XCTAssertEqual(check(X12Segment("N1", ["ST", "Dock", "92"])), [.conditionalElementMissing], "P0304: qualifier without id")
        XCTAssertEqual(check(X12Segment("CTT", ["1", "", "", "", "", "", "", "extra"])), [.tooManyElements])
        XCTAssertEqual(check(X12Segment("N3", ["Line\u{01}"])), [.invalidCharacter])
        XCTAssertEqual(check(X12Segment("NTE", ["GEN", "ok", "bad\u{07}"])), [.tooManyElements])
        XCTAssertEqual(check(X12Segment("NTE", ["GEN", "bad\u{07}"])), [.invalidCharacter])
    }
}

/// Checks issue 13 found missing: dates that do not exist, times past midnight, control numbers used twice.
final class X12MissingChecksTests: XCTestCase {
    func testDatesAndTimesAreCheckedForExistence() {
        let dictionary = X12StandardDictionary.forVersion("004010")!
        let check = { (segment: X12Segment) in
            X12SyntaxChecker.checkElements(segment, dictionary.segments[segment.id]!, dictionary, positionInSet: 2).map(\.code)
        }
        XCTAssertEqual(check(X12Segment("BEG", ["00", "SA", "PO-1", "", "19971341"])), [.invalidDate])
        XCTAssertEqual(check(X12Segment("BEG", ["00", "SA", "PO-1", "", "20230229"])), [.invalidDate])
        XCTAssertEqual(check(X12Segment("BEG", ["00", "SA", "PO-1", "", "20240229"])), [])
        XCTAssertEqual(check(X12Segment("BSN", ["00", "SHIP1", "20240115", "2460"])), [.invalidTime])
        XCTAssertEqual(check(X12Segment("BSN", ["00", "SHIP1", "20240115", "235959"])), [])
    }

    func testSetAndGroupControlNumbersMustBeUnique() throws {
        // 850_4010 with its one set twice in the group (GE01 2), and the group twice in the interchange.
        let text = String(decoding: X12Fixtures.bytes("850_4010.x12"), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let isa = lines[0], gs = lines[1], iea = lines.first { $0.hasPrefix("IEA") }!
        let set = lines.filter { !$0.hasPrefix("ISA") && !$0.hasPrefix("GS") && !$0.hasPrefix("GE") && !$0.hasPrefix("IEA") && !$0.isEmpty }
        let group = [gs] + set + set + ["GE*2*101~"]
        let bytes = ([isa] + group + group + [iea.replacingOccurrences(of: "IEA*1*", with: "IEA*2*")]).joined(separator: "\n") + "\n"
        let x = try XCTUnwrap(X12Fixtures.interchanges(X12Reader(path: X12Fixtures.temporaryFile(Array(bytes.utf8))).readAll()).first)
        XCTAssertEqual(x.errors, [])
        XCTAssertEqual(x.groups.map { $0.errors.map(\.code) }, [[], [.groupControlNotUnique]])
        XCTAssertEqual(x.groups[0].sets.map { $0.errors.map(\.code) }, [[], [.setControlNotUnique]])
    }
}
