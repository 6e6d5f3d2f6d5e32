import XCTest
@testable import Inbound

final class X12AcknowledgerTests: XCTestCase {
    let date = X12AckDate(year: 2024, month: 2, day: 3, hour: 4, minute: 5)

    /// The ack's segments as text lines, e.g. "AK5*R*4".
    private func ack(_ name: String, index: Int = 0, first: Int = 500) -> [String]? {
        let inbound = X12Fixtures.interchanges(X12Fixtures.read(name))[index]
        var numbers = SequentialControlNumbers(startingAt: first)
        guard let ack = X12Acknowledger.acknowledge(inbound, date: date, controlNumbers: &numbers) else { return nil }
        let text = String(decoding: X12Writer.serialize(ack), as: UTF8.self)
        return text.split(separator: Character(UnicodeScalar(ack.delimiters.segment))).map {
            $0.trimmingCharacters(in: .newlines)
        }.filter { !$0.isEmpty }
    }

    private func lines(_ lines: [String]?, _ ids: [String]) -> [String] {
        (lines ?? []).filter { line in ids.contains { line.hasPrefix($0 + "*") } }
    }

    func testAccepted997And999() throws {
        let a4 = try XCTUnwrap(ack("850_4010.x12"))
        XCTAssertEqual(a4[0], "ISA*00*          *00*          *ZZ*INKSTREAM      *ZZ*ACMEBUYER      *240203*0405*U*00401*000000500*0*P*>")
        XCTAssertEqual(Array(a4[1...]), [
            "GS*FA*INKSTREAM*ACMEBUYER*20240203*0405*501*X*004010", "ST*997*0001", "AK1*PO*101", "AK2*850*0001", "AK5*A",
            "AK9*A*1*1*1", "SE*6*0001", "GE*1*501", "IEA*1*000000500",
        ])
        let a5 = try XCTUnwrap(ack("850_5010.x12"))
        XCTAssertEqual(lines(a5, ["GS", "ST", "AK1", "AK2", "IK5", "AK9"]), [
            "GS*FA*INKSTREAM*ACMEBUYER*20240203*0405*501*X*005010X231A1", "ST*999*0001*005010X231A1",
            "AK1*PO*201*005010", "AK2*850*0001", "IK5*A", "AK9*A*1*1*1",
        ])
        XCTAssertTrue(a5[0].hasSuffix("*^*00501*000000500*0*P*:"))
    }

    func testTA1WhenAskedFor() {
        XCTAssertEqual(lines(ack("810_4010.x12"), ["TA1", "AK5", "AK9"]), ["TA1*000000103*240117*0900*A*000", "AK5*A", "AK9*A*1*1*1"])
    }

    func testAcknowledgementsAreNotAcknowledged() {
        XCTAssertNil(ack("997_4010.x12"))
        XCTAssertNil(ack("997_5010.x12"))
        XCTAssertNil(ack("999_5010.x12"))
    }

    func testEnvelopeErrors() {
        let expected: [(String, [String])] = [
            ("err_se_count.x12", ["AK5*R*4", "AK9*R*1*1*0"]),
            ("err_st_se_control.x12", ["AK5*R*3", "AK9*R*1*1*0"]),
            ("err_ge_count.x12", ["AK5*A", "AK9*R*3*1*1*5"]),
            ("err_ge_control.x12", ["AK5*A", "AK9*R*1*1*1*4"]),
            ("err_iea_count.x12", ["TA1*000000101*240115*1030*R*021"]),
            ("err_isa_iea_control.x12", ["TA1*000000101*240115*1030*R*001"]),
            // The ISA06 field is one character short: the TA1 names that field (006), not only "bad structure".
            ("err_isa_length.x12", ["TA1*000000101*240115*1030*R*006"]),
            ("truncated.x12", ["TA1*000000101*240115*1030*R*023"]),
        ]
        for (name, want) in expected {
            let got = ack(name)
            XCTAssertEqual(lines(got, ["TA1", "AK5", "AK9"]), want, name)
            if want[0].hasPrefix("TA1") {
                XCTAssertEqual(lines(got, ["GS"]), [], "a rejected interchange gets no functional ack: \(name)")
                XCTAssertEqual(got?.last, "IEA*0*000000500", name)
            }
        }
    }

    func testSyntaxErrors() {
        XCTAssertEqual(lines(ack("err_syntax_850.x12"), ["AK2", "AK3", "AK4", "AK5", "AK9"]), [
            "AK2*850*0001",
            "AK3*BEG*2**8", "AK4*1**7*99", "AK3*REF*3**8", "AK4*1**5*DPXX", "AK3*N1*4**8", "AK4*1**1",
            "AK3*ZZZ*5**1", "AK3*PO1*6**8", "AK4*4**6*4.2X", "AK5*R*5",
            "AK2*850*0002", "AK5*A",
            "AK2*810*0003", "AK3*BIG*2**3", "AK3*TDS*3**3", "AK5*R*5",
            "AK9*P*3*3*1",
        ])
    }

    func testEveryInterchangeOfAFileAndTheClaim() {
        XCTAssertEqual(lines(ack("multi_versions.x12", index: 1), ["IK5", "AK9"]), ["IK5*A", "IK5*A", "AK9*A*2*2*2", "IK5*A", "AK9*A*1*1*1"])
        XCTAssertEqual(lines(ack("837P_5010X222A1.x12"), ["AK1", "AK2", "IK5", "AK9"]),
                       ["AK1*HC*401*005010X222A1", "AK2*837*0001*005010X222A1", "IK5*A", "AK9*A*1*1*1"])
    }

    /// What we send reads back cleanly through our own reader and dictionary.
    func testAcksReadBackWithoutErrors() throws {
        for name in X12Fixtures.all {
            for inbound in X12Fixtures.interchanges(X12Fixtures.read(name)) {
                var numbers = SequentialControlNumbers(startingAt: 7)
                guard let ack = X12Acknowledger.acknowledge(inbound, date: date, controlNumbers: &numbers) else { continue }
                let back = X12Fixtures.interchanges(X12Reader(path: X12Fixtures.temporaryFile(X12Writer.serialize(ack))).readAll())
                XCTAssertEqual(back.count, 1, name)
                XCTAssertEqual(back.first?.allErrors, [], name)
                XCTAssertEqual(back.first?.delimiters, inbound.delimiters, name)
                XCTAssertEqual(numbers.upcoming, 8 + ack.groups.count, "one number for the ISA, one per group: \(name)")
            }
        }
    }
}
