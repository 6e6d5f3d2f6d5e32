import XCTest
@testable import RunFolder

final class OutputNameTests: XCTestCase {
    func testPlainIdsAreTheirOwnName() {
        for id in ["100000175", "ACME-1", "a.b_c", String(repeating: "9", count: 100)] {
            XCTAssertEqual(OutputName.make(id), id)
        }
    }

    func testOtherIdsAreHashedDeterministically() {
        let name = OutputName.make("ACME 1")
        XCTAssertEqual(name, OutputName.make("ACME 1"))
        XCTAssertTrue(name.hasPrefix("ACME_1~"), name)
        XCTAssertEqual(name.count, "ACME_1~".count + 16)
        XCTAssertNotEqual(OutputName.make("Zoë"), OutputName.make("Zoe\u{0308}"))
        XCTAssertTrue(OutputName.make(".profile").hasPrefix("_profile~"))
        XCTAssertTrue(OutputName.make("").hasPrefix("~"))
        XCTAssertEqual(OutputName.make(String(repeating: "é", count: 300)).utf8.count, 48 + 1 + 16)
    }

    func testUnfinishedFileNames() {
        XCTAssertEqual(RunFolder.partial("out/print/statements.pdf"), "out/print/.statements.pdf.partial")
        XCTAssertEqual(RunFolder.partial("report.json", "xref"), ".report.json.xref")
        let folder = RunFolder("out")
        XCTAssertEqual(folder.pending("documents", sequence: 3, index: 1, ext: "pdf"), "out/documents/.doc.pdf.pending-3-1")
        XCTAssertEqual(folder.defaultJournal, "out/journal.sqlite")
    }
}
