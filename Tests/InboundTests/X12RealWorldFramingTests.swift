import XCTest
@testable import Inbound

/// How real partners' files are framed (seen in Fixtures/x12/real): a byte order mark, indented segments,
/// no terminator after the IEA, "U" left in ISA11 after moving to 00501, an ISA wrapped onto two lines.
/// Each variant of a well-formed 997 must read as that 997 does, or be answered with the right TA1.
final class X12RealWorldFramingTests: XCTestCase {
    private let clean = Array(X12Fixtures.bytes("997_4010.x12"))

    private func read(_ bytes: [UInt8]) -> [X12ReadResult] {
        X12Reader(path: X12Fixtures.temporaryFile(bytes)).readAll()
    }

    private func assertReadsLikeClean(_ bytes: [UInt8], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let results = read(bytes)
        XCTAssertEqual(X12Fixtures.errors(results).map(\.description), [], what, file: file, line: line)
        let cleanSets = X12Fixtures.interchanges(read(clean)).first?.groups.first?.sets.first?.segments.map(\.id)
        XCTAssertEqual(X12Fixtures.interchanges(results).first?.groups.first?.sets.first?.segments.map(\.id), cleanSets,
                       what, file: file, line: line)
    }

    func testAByteOrderMarkBeforeTheISAIsSkipped() {
        assertReadsLikeClean([0xEF, 0xBB, 0xBF] + clean, "UTF-8 BOM")
    }

    func testIndentedSegmentsAreRead() {
        let text = String(decoding: clean, as: UTF8.self).replacingOccurrences(of: "~\n", with: "~\r\n    ")
        assertReadsLikeClean(Array(text.utf8), "segments indented after CRLF")
    }

    func testAnIEAWithoutTerminatorAtTheEndOfTheFileEndsTheInterchange() {
        var bytes = clean
        while bytes.last == 0x0A || bytes.last == 0x7E { bytes.removeLast() }
        assertReadsLikeClean(bytes, "no terminator after IEA")
    }

    func testALetterInISA11Of00501MeansNoRepetitionSeparator() throws {
        let text = String(decoding: clean, as: UTF8.self).replacingOccurrences(of: "*U*00401*", with: "*U*00501*")
            .replacingOccurrences(of: "*X*004010~", with: "*X*005010~")
        let x = try XCTUnwrap(X12Fixtures.interchanges(read(Array(text.utf8))).first)
        XCTAssertNil(x.delimiters.repetition)
        XCTAssertEqual(x.errors, [])
        XCTAssertEqual(x.groups.first?.sets.count, 1)
    }

    func testAnISAWrappedOntoTwoLinesIsAnsweredWith022() throws {
        var bytes = clean
        bytes.insert(contentsOf: [0x0D, 0x0A], at: 80)
        let x = try XCTUnwrap(X12Fixtures.interchanges(read(bytes)).first, "still an interchange, so it gets a TA1")
        XCTAssertEqual(x.errors.first?.code.code, "022")
        XCTAssertTrue(x.errors.first?.message.contains("line break") ?? false, "\(x.errors)")
        XCTAssertEqual(x.controlNumber, "000000105")
    }

    func testAShortISA02IsBlamedOnISA02() throws {
        // ISA02 (authorization information) is 10 characters; one space fewer makes the ISA 105 bytes.
        let text = String(decoding: clean, as: UTF8.self).replacingOccurrences(of: "ISA*00*          *", with: "ISA*00*         *")
        let x = try XCTUnwrap(X12Fixtures.interchanges(read(Array(text.utf8))).first)
        XCTAssertEqual(x.errors.map(\.code.code), ["011", "022"])
    }
}
