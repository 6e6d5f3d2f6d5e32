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

/// A cross-dock 856 from EdiEngine's tests (Fixtures/x12/real/22_856_004010_ediengine.x12, MIT): two orders
/// under one shipment, five packs with SSCC-18 labels, items under the packs.
final class ShipNoticeHierarchyTests: XCTestCase {
    func testOrdersPacksAndItemsFollowTheHLTreeAndCartonsAreNotTrackingNumbers() throws {
        let x = try XCTUnwrap(X12Fixtures.interchanges(X12Fixtures.read("real/22_856_004010_ediengine.x12")).first)
        let set = try XCTUnwrap(x.groups.first?.sets.first)
        let r = TransactionSetRecords.shipNotice(set.segments)
        XCTAssertEqual(r["po_number"]?.stringValue, "POREF00, POREF01")
        XCTAssertEqual(r["tracking"], .array(["0000000008741"]), "REF*CN only; MAN*GM is a carton label")
        guard case .array(let cartons)? = r["cartons"], case .array(let orders)? = r["orders"] else { return XCTFail("\(r)") }
        XCTAssertEqual(cartons.count, 5)
        XCTAssertEqual(cartons.first, "00000715670002152360")
        XCTAssertEqual(orders.map { $0["po_number"]?.stringValue }, ["POREF00", "POREF01"])
        XCTAssertEqual(orders.map { order -> Int in if case .array(let items)? = order["items"] { items.count } else { -1 } }, [4, 1])
        // Each item names its order, so the page lists them order by order.
        guard case .array(let items)? = r["items"] else { return XCTFail("\(r)") }
        XCTAssertEqual(items.map { $0["order"]?.stringValue }, ["POREF00", "POREF00", "POREF00", "POREF00", "POREF01"])
        XCTAssertEqual(r["order_count"], .number(2))
    }

    /// An S/I ship notice with the PRF at item level, after its LIN and SN1 (oopx12's 003060 sample,
    /// Fixtures/x12/real/25_856_003060_oopx12.x12): each item belongs to the PO of its own PRF.
    func testAPurchaseOrderReferenceAtItemLevelNamesThatItemsOrder() throws {
        let x = try XCTUnwrap(X12Fixtures.interchanges(X12Fixtures.read("real/25_856_003060_oopx12.x12")).first)
        let r = TransactionSetRecords.shipNotice(try XCTUnwrap(x.groups.first?.sets.first).segments)
        guard case .array(let items)? = r["items"], case .array(let orders)? = r["orders"] else { return XCTFail("\(r)") }
        XCTAssertEqual(items.map { $0["order"]?.stringValue }, ["B00000389", "B00003489"])
        XCTAssertEqual(orders.map { $0["po_number"]?.stringValue }, ["B00000389", "B00003489"])
    }

    /// Found by the x12 fuzz target (a timeout): HL02 parents that point in a circle must not hang the mapper.
    func testHLParentsInACircleEndTheWalk() {
        let segments = [X12Segment("BSN", ["00", "S1", "20240115", "1200"]), X12Segment("HL", ["1", "2", "S"]),
                        X12Segment("HL", ["2", "1", "P"]), X12Segment("HL", ["3", "3", "I"]), X12Segment("LIN", ["", "VP", "X"])]
        let r = TransactionSetRecords.shipNotice(segments)
        XCTAssertEqual(r["shipment_id"]?.stringValue, "S1")
    }
}
