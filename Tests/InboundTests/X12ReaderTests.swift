import XCTest
@testable import Inbound

final class X12ReaderTests: XCTestCase {
    func testValidFixturesReadWithoutErrors() {
        for name in X12Fixtures.valid {
            let results = X12Fixtures.read(name)
            XCTAssertEqual(X12Fixtures.interchanges(results).count, 1, name)
            XCTAssertEqual(X12Fixtures.errors(results), [], name)
        }
    }

    func test850Structure() throws {
        let x = try XCTUnwrap(X12Fixtures.interchanges(X12Fixtures.read("850_4010.x12")).first)
        XCTAssertEqual(x.delimiters, X12Delimiters(element: 0x2A, repetition: nil, component: 0x3E, segment: 0x7E, lineBreak: "\n"))
        XCTAssertEqual(x.controlNumber, "000000101")
        let set = try XCTUnwrap(x.groups.first?.sets.first)
        XCTAssertEqual(set.identifier, "850")
        XCTAssertEqual(set.segments.count, 14)
        XCTAssertEqual(set.segments[0][3], "PO-45001")
        XCTAssertNil(set.segments[0][4])
        let line = set.segments[9]
        XCTAssertEqual(line.id, "PO1")
        XCTAssertEqual(line[4], "4.25")
        XCTAssertEqual(line.position.index, 13)
        XCTAssertEqual(line.position.file, X12Fixtures.path("850_4010.x12"))
        XCTAssertEqual(x.iea?.position.index, 20)
    }

    func testRepetitionsAndComponents() throws {
        let xs = X12Fixtures.interchanges(X12Fixtures.read("multi_versions.x12"))
        XCTAssertEqual(xs.count, 3)
        XCTAssertEqual(xs.map(\.version), ["00401", "00501", "00401"])
        XCTAssertEqual(xs[1].groups.map(\.sets.count), [2, 1])
        let po1 = xs[1].groups[0].sets[0].segments[2]
        XCTAssertEqual(po1.repetitions(7), [["INK-CART-BLK"], ["INK-CART-BLK-XL"]])
        XCTAssertEqual(X12Fixtures.errors(X12Fixtures.read("multi_versions.x12")), [])
        let claim = try XCTUnwrap(X12Fixtures.interchanges(X12Fixtures.read("837P_5010X222A1.x12")).first?.groups.first?.sets.first)
        let sv1 = try XCTUnwrap(claim.segments.first { $0.id == "SV1" })
        XCTAssertEqual(sv1[1, 1], "HC")
        XCTAssertEqual(sv1[1, 2], "99213")
        XCTAssertNil(sv1[1, 3])
    }

    func testLineBreakStyles() throws {
        let style = { (name: String) in X12Fixtures.interchanges(X12Fixtures.read(name)).first?.delimiters.lineBreak }
        XCTAssertEqual(style("850_5010.x12"), "\n")
        XCTAssertEqual(style("856_5010.x12"), "\r\n")
        XCTAssertEqual(style("810_5010.x12"), "")
    }

    /// Tiny chunks cross every segment and header boundary; the result must not change.
    func testChunkSizeDoesNotMatter() {
        for name in X12Fixtures.all {
            let reference = X12Fixtures.read(name)
            for size in [1, 7, 105, 106, 107] {
                XCTAssertEqual(X12Fixtures.read(name, chunkSize: size), reference, "\(name) with \(size)-byte chunks")
            }
        }
    }

    func testEmptyAndMissingFiles() {
        XCTAssertEqual(X12Fixtures.read("empty.x12").map(\.code), [.emptyFile])
        XCTAssertEqual(X12Reader(path: "/nonexistent/x.x12").readAll().map(\.code), [.unreadable])
        XCTAssertEqual(X12Reader(path: X12Fixtures.directory.path).readAll().map(\.code), [.unreadable])
    }

    func testGarbageBetweenInterchanges() {
        let results = X12Fixtures.read("garbage_between.x12")
        XCTAssertEqual(X12Fixtures.interchanges(results).map(\.controlNumber), ["000000101", "000000103"])
        let garbage = X12Fixtures.failures(results)
        XCTAssertEqual(garbage.map(\.code), [.garbage, .garbage])
        XCTAssertEqual(garbage[0].position.byteOffset, X12Fixtures.bytes("850_4010.x12").count)
        XCTAssertEqual(garbage[0].position.index, 21)
        XCTAssertEqual(X12Fixtures.interchanges(results).flatMap(\.allErrors), [])
    }

    func testTruncatedFile() throws {
        let x = try XCTUnwrap(X12Fixtures.interchanges(X12Fixtures.read("truncated.x12")).first)
        XCTAssertNil(x.iea)
        XCTAssertEqual(x.errors.map(\.code), [.prematureEnd])
        XCTAssertEqual(x.errors[0].position.index, 15)
        XCTAssertEqual(x.groups.first?.errors.map(\.code), [.groupTrailerMissing])
        XCTAssertEqual(x.groups.first?.sets.first?.errors.map(\.code), [.setTrailerMissing])
    }

    func testEnvelopeErrors() {
        let cases: [(String, X12ErrorCode, Int)] = [
            ("err_iea_count.x12", .invalidGroupCount, 20),
            ("err_isa_iea_control.x12", .interchangeControlMismatch, 20),
            ("err_ge_count.x12", .groupSetCountMismatch, 19),
            ("err_ge_control.x12", .groupControlMismatch, 19),
            ("err_se_count.x12", .setSegmentCountMismatch, 18),
            ("err_st_se_control.x12", .setControlMismatch, 18),
        ]
        for (name, code, index) in cases {
            let errors = X12Fixtures.errors(X12Fixtures.read(name))
            XCTAssertEqual(errors.map(\.code), [code], name)
            XCTAssertEqual(errors.first?.position.index, index, name)
            XCTAssertTrue(errors.first?.description.contains(name) ?? false, name)
        }
    }

    func testBadISA() throws {
        let length = X12Fixtures.read("err_isa_length.x12")
        let x = try XCTUnwrap(X12Fixtures.interchanges(length).first)
        // The field whose width is wrong comes first (the TA1 names it), then the structure error.
        XCTAssertEqual(x.errors.map(\.code.code), ["006", "022"])
        XCTAssertEqual(x.errors[0].position.index, 1)
        XCTAssertEqual(x.groups.first?.sets.first?.segments.count, 14, "the rest is still read")

        for (name, code) in [("err_separator_letter.x12", X12ErrorCode.invalidElementSeparator),
                             ("err_separator_same.x12", .invalidComponentSeparator)] {
            let results = X12Fixtures.read(name)
            XCTAssertEqual(X12Fixtures.interchanges(results).count, 0, name)
            XCTAssertEqual(results.map(\.code), [code, .garbage], name)
            XCTAssertEqual(X12Fixtures.failures(results).first?.position.byteOffset, 0, name)
        }
    }

    func testNextInterchangeAfterBadOneIsRead() throws {
        let bytes = X12Fixtures.bytes("err_separator_letter.x12") + X12Fixtures.bytes("810_4010.x12") + X12Fixtures.bytes("truncated.x12")
        let results = X12Reader(path: X12Fixtures.temporaryFile(bytes)).readAll()
        XCTAssertEqual(results.map(\.code), [.invalidElementSeparator, .garbage, nil, nil])
        let xs = X12Fixtures.interchanges(results)
        XCTAssertEqual(xs.map(\.controlNumber), ["000000103", "000000101"])
        try XCTSkipUnless(xs.count == 2)
        XCTAssertEqual(xs[0].allErrors, [])
        XCTAssertEqual(xs[1].errors.map(\.code), [.prematureEnd])
    }
}

extension X12ReadResult {
    var code: X12ErrorCode? {
        if case let .failure(error) = self { error.code } else { nil }
    }
}
