import Foundation
import Records
@testable import Templates
import XCTest
@testable import Layout

/// Nothing that does not fit is lost or printed over what is below it: a table row taller than the body
/// goes on over the next pages; a block or a text that does not fit is the record's reject, or (overflow:
/// warn) its document's warning.
final class OverflowTests: XCTestCase {
    /// A body 100 pt tall (top 50, bottom 150) on a 300 × 200 page.
    private func compose(_ body: String, regions: String = "", policy: String = "", data: String = #"{"id": "a"}"#) throws -> LaidOutDocument {
        let template = try TemplateLoader.compile(yaml: """
            page: { size: [300, 200], margins: 20 }
            data: { id: string, rows: "[string]?", address: string? }
            document: { id: "doc" }
            \(policy)
            regions:
              first:
                - text: { value: "", x: 0, y: 0 }
            \(regions.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            body:
              top: 50
              top_following: 50
              bottom: 150
              flow:\(body.isEmpty ? " []" : "")
            \(body.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            """, file: "/tmp/overflow/template.yaml")
        return try DocumentComposer(template: template).compose(try template.bind(JSONParser.parse(data)), runDate: 0)
    }

    private func texts(_ page: Page) -> [(String, Double)] {
        page.operations.compactMap { if case .text(let o, let r, _) = $0 { (r.map(\.text).joined().trimmingCharacters(in: .whitespaces), o.y) } else { nil } }
    }

    func testATableRowTallerThanThePageGoesOnOverTheNextPages() throws {
        let words = (1...30).map { "w\($0)" }.joined(separator: " ")
        let document = try compose("""
            - table:
                rows: rows
                header: { height: 14 }
                columns: [{ header: Text, width: 30, value: "{item}", wrap: true }, { header: N, width: 40, value: "x" }]
            """, data: #"{"id": "a", "rows": ["short", "\#(words)", "after"]}"#)
        XCTAssertGreaterThanOrEqual(document.pages.count, 3)
        var seen: [String] = []
        for page in document.pages {
            let lines = texts(page)
            XCTAssertEqual(lines.first?.0, "Text", "the header repeats on every page the table goes on to")
            for (_, y) in lines { XCTAssertLessThanOrEqual(y, 150, "nothing below the body's bottom") }
            seen += lines.map(\.0).filter { $0.hasPrefix("w") }
        }
        XCTAssertEqual(seen, (1...30).map { "w\($0)" }, "every line of the tall row, once, in order")
        XCTAssertEqual(texts(document.pages.last!).filter { !["Text", "N", "x"].contains($0.0) }.map(\.0).suffix(2), ["aft", "er"])
        // The tall row starts on the page the short row is on: no page is left nearly empty before it.
        XCTAssertTrue(texts(document.pages[0]).contains { $0.0 == "w1" })
    }

    func testABlockTallerThanTheBodyIsARejectOrAWarning() throws {
        let block = "- block: { height: 140, elements: [{ rect: { x: 0, y: 0, width: 10, height: 140, fill: \"#000000\" } }] }"
        XCTAssertThrowsError(try compose(block)) { error in
            XCTAssertTrue("\(error)".hasPrefix("block at /tmp/overflow/template.yaml:"), "\(error)")
            XCTAssertTrue("\(error)".contains("is 140 pt tall; the body holds 100 pt a page"), "\(error)")
            XCTAssertTrue("\(error)".contains("overflow: warn makes such documents"), "\(error)")
        }
        let warned = try compose(block, policy: "overflow: warn")
        XCTAssertEqual(warned.warnings.count, 1)
        XCTAssertTrue(warned.warnings[0].contains("is 140 pt tall"), warned.warnings[0])
    }

    func testTextTallerThanItsBoxOrOffThePage() throws {
        let address = #"{"id": "a", "address": "1\n2\n3\n4\n5\n6\n7\n8"}"#
        XCTAssertThrowsError(try compose("", regions: "- text: { value: \"{address}\", x: 20, y: 20, height: 40 }", data: address)) { error in
            XCTAssertTrue("\(error)".contains("its 8 lines take 93"), "\(error)")
            XCTAssertTrue("\(error)".contains("its height is 40 pt"), "\(error)")
        }
        XCTAssertThrowsError(try compose("", regions: "- text: { value: \"{address}\", x: 20, y: 120 }", data: address)) { error in
            XCTAssertTrue("\(error)".contains("runs off the page"), "\(error)")
        }
        XCTAssertNoThrow(try compose("", regions: "- text: { value: \"{address}\", x: 20, y: 20, height: 100 }", data: address))
    }
}

