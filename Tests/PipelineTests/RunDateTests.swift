import XCTest
@testable import Pipeline

final class RunDateTests: XCTestCase {
    func testParsesAndCountsDays() {
        XCTAssertEqual(RunDate("1970-01-01")?.daysSinceEpoch, 0)
        XCTAssertEqual(RunDate("2026-11-22")?.daysSinceEpoch, 20779)
        XCTAssertEqual(RunDate("2024-02-29")?.iso, "2024-02-29")
    }

    func testRefusesImpossibleDates() {
        XCTAssertNil(RunDate("2026-02-29"))
        XCTAssertNil(RunDate("2026-13-01"))
        XCTAssertNil(RunDate("22/11/2026"))
        XCTAssertNil(RunDate("2026-1-1"))
    }

    func testDocumentFileNamesAreSafe() {
        XCTAssertEqual(DocumentFileName.make("100000175"), "100000175")
        XCTAssertEqual(DocumentFileName.make("../etc/passwd"), "_._etc_passwd")
        XCTAssertEqual(DocumentFileName.make("SO 1/2"), "SO_1_2")
    }

    func testCSVQuoting() {
        XCTAssertEqual(CSV.field("abc"), "abc")
        XCTAssertEqual(CSV.field("a,b"), "\"a,b\"")
        XCTAssertEqual(CSV.field("say \"hi\""), "\"say \"\"hi\"\"\"")
    }
}
