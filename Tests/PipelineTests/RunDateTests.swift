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


    func testCSVQuoting() {
        XCTAssertEqual(CSV.field("abc"), "abc")
        XCTAssertEqual(CSV.field("a,b"), "\"a,b\"")
        XCTAssertEqual(CSV.field("say \"hi\""), "\"say \"\"hi\"\"\"")
    }
}
