import XCTest
@testable import Inbound

/// Acknowledgements are pure ASCII with usable delimiters whatever the partner sent (issue 13: a TA1 whose
/// ISA was 112 bytes from non-ASCII spaces in the partner's id; a TA1 ending in a lone UTF-8 lead byte;
/// an AK404 copying a line break and the partner's terminator).
final class X12AckTextTests: XCTestCase {
    private let date = X12AckDate(year: 2026, month: 12, day: 3)

    private func acknowledge(_ bytes: [UInt8]) throws -> [UInt8] {
        let inbound = try XCTUnwrap(X12Reader(path: X12Fixtures.temporaryFile(bytes)).readAll().compactMap {
            if case let .interchange(x) = $0 { x } else { nil }
        }.first)
        var numbers = SequentialControlNumbers(startingAt: 7)
        return X12Writer.serialize(try XCTUnwrap(X12Acknowledger.acknowledge(inbound, date: date, controlNumbers: &numbers)))
    }

    func testNonASCIISpacesInTheSendersIdAndANonASCIITerminatorGiveAnASCIITA1() throws {
        var text = String(decoding: X12Fixtures.bytes("850_4010.x12"), as: UTF8.self)
        text = text.replacingOccurrences(of: "ACMEBUYER      ", with: "ACME\u{00A0}BUYER     ")  // ISA06: 16 bytes now
        var bytes = Array(text.utf8)
        for i in bytes.indices where bytes[i] == 0x7E { bytes[i] = 0xC3 }  // a UTF-8 lead byte as terminator
        let ack = try acknowledge(bytes)
        XCTAssertTrue(ack.allSatisfy { $0 < 0x80 }, String(decoding: ack, as: UTF8.self))
        XCTAssertEqual(ack[105], 0x7E, "the ack's terminator is ~, not the partner's 0xC3")
        let segments = String(decoding: ack, as: UTF8.self).split(separator: "~").map { $0.trimmingCharacters(in: .newlines) }
        XCTAssertEqual(segments[0].utf8.count, 105, "ISA without its terminator: 105 bytes")
        XCTAssertTrue(segments[0].contains("*ZZ*ACME BUYER     *"), segments[0])
        XCTAssertEqual(segments[1], "TA1*000000101*240115*1030*R*006")
    }

    func testABadElementCopiedIntoAK404CannotEndASegment() {
        let d = X12Delimiters(element: 0x2A, repetition: nil, component: 0x3E, segment: 0x7E)
        XCTAssertEqual(X12AckText.clean("010020001-ABCINC~\n\nN3*X>Y", avoiding: d), "010020001-ABCINC   N3 X Y")
    }
}
