import XCTest
@testable import Inbound
import Records

/// The data customers see, traced to its segments (issue 13: DTM qualifiers were ignored, a party without
/// N102 showed its bare code, the ship-to street and ZIP were dropped).
final class TransactionSetRecordsTests: XCTestCase {
    private func order(_ segments: [X12Segment]) -> [String: JSONValue] {
        TransactionSetRecords.purchaseOrder([X12Segment("BEG", ["00", "SA", "PO-1", "", "20240115"])] + segments)
    }

    func testTheRequestedDateComesFromTheDTMThatSaysWhenTheGoodsAreWanted() {
        let r = order([X12Segment("DTM", ["001", "20240301"]), X12Segment("DTM", ["106", "20240220"]), X12Segment("DTM", ["010", "20240210"])])
        XCTAssertEqual(r["requested_date"]?.stringValue, "2024-02-20", "106 (required by) before 010 (requested ship); 001 is cancel-after")
        XCTAssertEqual(r["requested_date_meaning"]?.stringValue, "required by")
        guard case .array(let dates)? = r["dates"] else { return XCTFail("no dates") }
        XCTAssertEqual(dates.count, 3)
        XCTAssertNil(order([X12Segment("DTM", ["001", "20240301"])])["requested_date"], "a cancel-after date is not a delivery date")
    }

    func testPartiesKeepStreetAndZIPAndANameEvenWithoutN102() {
        let r = order([X12Segment("N1", ["ST", "", "92", "333333"]), X12Segment("N3", ["1 Dock Rd", "Gate 4"]),
                       X12Segment("N4", ["Guaynabo", "PR", "00928"])])
        let shipTo = r["ship_to"]
        XCTAssertEqual(shipTo?["name"]?.stringValue, "Ship-to 333333")
        XCTAssertEqual(shipTo?["street"]?.stringValue, "1 Dock Rd, Gate 4")
        XCTAssertEqual(shipTo?["zip"]?.stringValue, "00928")
        XCTAssertEqual(shipTo?["id"]?.stringValue, "333333")
    }
}
